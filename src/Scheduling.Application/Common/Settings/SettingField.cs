using System.Globalization;
using System.Text.Json;

namespace Scheduling.Application.Common.Settings;

/// <summary>How a setting is typed on the settings page and stored.</summary>
public enum SettingKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>Several lines of text (an address, directions, a footer).</summary>
    LongText,

    /// <summary>An email address.</summary>
    Email,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>Whole numbers separated by commas ("72, 24").</summary>
    WholeNumbers,

    /// <summary>One item per line.</summary>
    Lines,
}

/// <summary>
/// One value a clinic changes on its settings page: the property of a settings class it sets, the
/// configuration key that gives its first value (also its name in the form and the audit log), and
/// how people type it. Parsing only checks the form of the text ("a whole number"); the rules are the
/// settings class's own <c>Validate()</c>, the same the start-up check runs.
/// </summary>
public sealed class SettingField
{
    private readonly Func<object, object?> _get;
    private readonly Action<object, object?> _set;

    private SettingField(string key, string label, string? hint, SettingKind kind, int maxLength, Type valueType, Func<object, object?> get, Action<object, object?> set)
    {
        Key = key;
        Label = label;
        Hint = hint;
        Kind = kind;
        MaxLength = maxLength;
        ValueType = valueType;
        _get = get;
        _set = set;
    }

    /// <summary>"Clinic:Phone": the configuration key of the first value, the form field and the audit's name for it.</summary>
    public string Key { get; }

    /// <summary>The property of the settings class (the key's last part), the name in the stored JSON.</summary>
    public string Property => Key[(Key.LastIndexOf(':') + 1)..];

    public string Label { get; }

    public string? Hint { get; }

    public SettingKind Kind { get; }

    /// <summary>The longest text the form accepts (for one line, or each line of a list).</summary>
    public int MaxLength { get; }

    public Type ValueType { get; }

    public static SettingField For<TSettings, TValue>(
        string key, string label, SettingKind kind, Func<TSettings, TValue> get, Action<TSettings, TValue> set, string? hint = null, int maxLength = 200)
        where TSettings : class
    {
        var expected = kind switch
        {
            SettingKind.WholeNumber => typeof(int),
            SettingKind.WholeNumbers => typeof(int[]),
            SettingKind.Lines => typeof(string[]),
            _ => typeof(string),
        };
        if (typeof(TValue) != expected)
        {
            throw new ArgumentException($"{key}: a {kind} setting holds {expected.Name}, not {typeof(TValue).Name}.", nameof(kind));
        }

        return new SettingField(key, label, hint, kind, maxLength, typeof(TValue), o => get((TSettings)o), (o, v) => set((TSettings)o, (TValue)v!));
    }

    public object? Get(object settings) => _get(settings);

    public void Set(object settings, object? value) => _set(settings, value);

    /// <summary>The value as the form shows it.</summary>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        int number => number.ToString(CultureInfo.InvariantCulture),
        int[] numbers => string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        string[] lines => string.Join("\n", lines),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Reads what was typed; false with a message for the field when it is not of the right form.</summary>
    public bool TryParse(string? text, out object? value, out string? error)
    {
        text = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        value = null;
        error = null;
        switch (Kind)
        {
            case SettingKind.WholeNumber:
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    value = number;
                    return true;
                }

                error = "Enter a whole number.";
                return false;

            case SettingKind.WholeNumbers:
                var parts = text.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
                var numbers = new List<int>();
                foreach (var part in parts)
                {
                    if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                    {
                        error = "Enter whole numbers separated by commas, for example 72, 24.";
                        return false;
                    }

                    numbers.Add(n);
                }

                value = numbers.ToArray();
                return true;

            case SettingKind.Lines:
                var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
                if (lines.FirstOrDefault(l => l.Length > MaxLength) is not null)
                {
                    error = $"Keep each line to {MaxLength} characters or fewer.";
                    return false;
                }

                value = lines;
                return true;

            default:
                if (text.Length > MaxLength)
                {
                    error = $"Keep this to {MaxLength} characters or fewer.";
                    return false;
                }

                value = text;
                return true;
        }
    }

    public JsonElement ToJson(object? value) => JsonSerializer.SerializeToElement(value, ValueType);

    public object? FromJson(JsonElement json) => json.Deserialize(ValueType);

    /// <summary>Two values the same for people (lists compared item by item).</summary>
    public static bool AreEqual(object? left, object? right) => Format(left) == Format(right);
}
