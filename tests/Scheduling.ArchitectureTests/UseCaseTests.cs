using System.Reflection;
using System.Text.RegularExpressions;

namespace Scheduling.ArchitectureTests;

/// <summary>
/// A use case is one file: <c>Features/&lt;Area&gt;/X.cs</c> holds <c>static class X</c>, and in it the
/// <c>Command</c> or <c>Query</c> and its one <c>Handler</c>. A newcomer finds a use case by its name.
/// </summary>
public sealed partial class UseCaseTests
{
    private static readonly string[] MessageInterfaces =
    [
        "Mediator.IBaseCommand", "Mediator.IBaseQuery", "Mediator.IBaseRequest",
        "Mediator.IBaseStreamCommand", "Mediator.IBaseStreamQuery", "Mediator.IBaseStreamRequest",
    ];

    private static readonly string[] HandlerInterfaces =
    [
        "Mediator.ICommandHandler`1", "Mediator.ICommandHandler`2", "Mediator.IQueryHandler`2",
        "Mediator.IRequestHandler`1", "Mediator.IRequestHandler`2",
        "Mediator.IStreamCommandHandler`2", "Mediator.IStreamQueryHandler`2", "Mediator.IStreamRequestHandler`2",
    ];

    private static string FeaturesFolder => Path.Combine(SourceAssemblies.FolderOf("Scheduling.Application"), "Features");

    [Fact]
    public void TheApplicationHasUseCases()
    {
        // Guards the tests below against passing on nothing found.
        Assert.True(Messages().Count > 20, $"Only {Messages().Count} commands and queries found in Scheduling.Application.");
    }

    [Fact]
    public void EveryCommandAndQuery_HasExactlyOneHandler()
    {
        var handlers = HandlersByMessage();
        var problems = Messages()
            .Select(message => (message, count: handlers.GetValueOrDefault(message)?.Count ?? 0))
            .Where(m => m.count != 1)
            .Select(m => $"{m.message.FullName} has {m.count} handlers ({string.Join(", ", handlers.GetValueOrDefault(m.message)?.Select(h => h.FullName) ?? [])})")
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryCommandAndQuery_AndItsHandler_AreNestedInTheStaticClassOfTheirUseCase()
    {
        var handlers = HandlersByMessage();
        var problems = new List<string>();
        foreach (var message in Messages())
        {
            var useCase = message.DeclaringType;
            if (useCase is null || useCase.DeclaringType is not null || !(useCase.IsAbstract && useCase.IsSealed))
            {
                problems.Add($"{message.FullName} is not nested in a top-level static class named after its use case.");
                continue;
            }

            if (message.Name is not ("Command" or "Query"))
            {
                problems.Add($"{message.FullName} should be called {useCase.Name}.Command or {useCase.Name}.Query.");
            }

            foreach (var handler in handlers.GetValueOrDefault(message) ?? [])
            {
                if (handler.DeclaringType != useCase || handler.Name != "Handler")
                {
                    problems.Add($"The handler of {message.FullName} is {handler.FullName}; it belongs in {useCase.FullName}.Handler.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryUseCase_LivesInTheFileNamedAfterIt_AndThatFileHoldsNoOtherUseCase()
    {
        var declarations = Directory.GetFiles(FeaturesFolder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => StaticClass().Matches(File.ReadAllText(file)).Select(m => (file, name: m.Groups["name"].Value)))
            .ToList();
        var useCases = Messages().Select(m => m.DeclaringType).OfType<Type>().Where(t => t.DeclaringType is null).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var problems = new List<string>();
        foreach (var useCase in useCases.Order(StringComparer.Ordinal))
        {
            var files = declarations.Where(d => d.name == useCase).Select(d => d.file).Distinct().ToList();
            if (files.Count != 1 || Path.GetFileNameWithoutExtension(files[0]) != useCase)
            {
                problems.Add($"{useCase} is declared in {(files.Count == 0 ? "no file under Features" : string.Join(", ", files.Select(Relative)))}; it belongs alone in Features/<Area>/{useCase}.cs.");
            }
        }

        foreach (var group in declarations.Where(d => useCases.Contains(d.name)).GroupBy(d => d.file).Where(g => g.Select(d => d.name).Distinct().Count() > 1))
        {
            problems.Add($"{Relative(group.Key)} holds several use cases: {string.Join(", ", group.Select(d => d.name).Distinct())}.");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Concrete commands, queries and requests of the application.</summary>
    private static List<Type> Messages() => SourceAssemblies.Application.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } || t is { IsValueType: true })
        .Where(t => t.GetInterfaces().Any(i => i.FullName is { } name && MessageInterfaces.Contains(name)))
        .ToList();

    /// <summary>Every handler in every src assembly, by the message it handles.</summary>
    private static Dictionary<Type, List<Type>> HandlersByMessage() =>
        SourceAssemblies.Names.Select(Assembly.Load)
            .SelectMany(LoadableTypes)
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName is { } name && HandlerInterfaces.Contains(name))
                .Select(i => (message: i.GetGenericArguments()[0], handler: t)))
            .Distinct()
            .GroupBy(x => x.message)
            .ToDictionary(g => g.Key, g => g.Select(x => x.handler).Distinct().ToList());

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static string Relative(string file) => Path.GetRelativePath(SourceAssemblies.SourceFolder, file);

    /// <summary>A top-level static class declaration (use cases are not nested).</summary>
    [GeneratedRegex(@"^[ \t]*(?:public|internal)\s+static\s+(?:partial\s+)?class\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex StaticClass();
}
