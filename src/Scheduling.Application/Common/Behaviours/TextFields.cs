using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

using Scheduling.Domain.Common;

namespace Scheduling.Application.Common.Behaviours;

/// <summary>
/// Every text a message carries, by the field name its form or API gives it ("Details.PatientName",
/// "Answers[2].Text", as FluentValidation names them): strings, lists of strings, dictionaries of them,
/// and the application's own records inside a message, however nested.
/// </summary>
public static class TextFields
{
    private const int MaxDepth = 6;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Readable = new();

    /// <summary>The fields whose text is not <see cref="KeepableText.IsKeepable"/>.</summary>
    public static List<string> Unkeepable(object message)
    {
        var found = new List<string>();
        Visit(message, string.Empty, 0, found);
        return found;
    }

    private static void Visit(object? value, string path, int depth, List<string> found)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (!KeepableText.IsKeepable(text))
                {
                    found.Add(path);
                }

                return;
            case IDictionary dictionary when depth < MaxDepth:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Visit(entry.Value, $"{path}[{entry.Key}]", depth + 1, found);
                }

                return;
            case IEnumerable items when depth < MaxDepth && value is not byte[]:
                var index = 0;
                foreach (var item in items)
                {
                    Visit(item, $"{path}[{index++}]", depth + 1, found);
                }

                return;
        }

        var type = value.GetType();
        if (depth >= MaxDepth || !IsOwnRecord(type))
        {
            return;
        }

        foreach (var property in Readable.GetOrAdd(type, Properties))
        {
            Visit(property.GetValue(value), path.Length == 0 ? property.Name : $"{path}.{property.Name}", depth + 1, found);
        }
    }

    // Messages and the records inside them are the application's and domain's own classes; nothing
    // else (streams, framework types, enums, dates) holds typed text.
    private static bool IsOwnRecord(Type type) =>
        type.IsClass && type.Namespace?.StartsWith("Scheduling.", StringComparison.Ordinal) == true;

    private static PropertyInfo[] Properties(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)];
}
