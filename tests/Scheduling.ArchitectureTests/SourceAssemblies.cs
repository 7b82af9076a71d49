using System.Reflection;

using Scheduling.TestSupport;

namespace Scheduling.ArchitectureTests;

/// <summary>
/// The product's assemblies, one per project under <c>src/</c>, loaded from this test's output folder
/// (the web project brings them all). A project added to <c>src/</c> is covered without editing the tests.
/// </summary>
internal static class SourceAssemblies
{
    public static Assembly Domain { get; } = Assembly.Load("Scheduling.Domain");

    public static Assembly Application { get; } = Assembly.Load("Scheduling.Application");

    public static string SourceFolder { get; } = Path.Combine(RepositoryRoot.Path, "src");

    /// <summary>Every project folder under src/, by its assembly name.</summary>
    public static IReadOnlyList<string> Names { get; } = Directory.GetDirectories(SourceFolder)
        .Where(dir => File.Exists(Path.Combine(dir, Path.GetFileName(dir) + ".csproj")))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The compiled file of each src project, next to this test's binaries.</summary>
    public static IReadOnlyList<string> Files { get; } = Names
        .Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll"))
        .ToList();

    /// <summary>Where a src project's source files are.</summary>
    public static string FolderOf(string assemblyName) => Path.Combine(SourceFolder, assemblyName);
}
