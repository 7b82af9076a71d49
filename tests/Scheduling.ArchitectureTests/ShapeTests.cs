using System.Reflection;

using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Scheduling.ArchitectureTests;

/// <summary>
/// What a newcomer relies on when reading the code: the web layer's view models sit in folders named
/// as the Application's feature areas, and no code reads a use case's value without saying what a
/// refusal does.
/// </summary>
public sealed class ShapeTests
{
    private static string FeaturesFolder => Path.Combine(SourceAssemblies.FolderOf("Scheduling.Application"), "Features");

    private static string WebModelsFolder => Path.Combine(SourceAssemblies.FolderOf("Scheduling.Web"), "Models");

    [Fact]
    public void EveryWebModelsFolder_IsNamedAsAnApplicationArea()
    {
        var areas = Directory.GetDirectories(FeaturesFolder).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var folders = Directory.GetDirectories(WebModelsFolder).Select(Path.GetFileName).ToList();

        Assert.True(folders.Count > 5, $"Only {folders.Count} folders under {WebModelsFolder}.");
        var strays = folders.Where(f => !areas.Contains(f!)).ToList();
        Assert.True(strays.Count == 0,
            $"Web Models folders not named as an Application area ({string.Join(", ", areas.Order())}): {string.Join(", ", strays)}");
    }

    [Fact]
    public void EveryWebModel_IsInTheNamespaceOfItsFolder()
    {
        var web = Assembly.Load("Scheduling.Web");
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(WebModelsFolder, "*.cs", SearchOption.AllDirectories))
        {
            var folder = Path.GetRelativePath(WebModelsFolder, Path.GetDirectoryName(file)!);
            var expected = folder == "." ? "Scheduling.Web.Models" : "Scheduling.Web.Models." + folder.Replace(Path.DirectorySeparatorChar, '.');
            var declared = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal));
            if (declared != $"namespace {expected};")
            {
                problems.Add($"{Path.GetRelativePath(WebModelsFolder, file)}: {declared ?? "no namespace"} (expected {expected})");
            }
        }

        var namespaces = web.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Scheduling.Web.Models.", StringComparison.Ordinal)).Distinct();
        problems.AddRange(namespaces
            .Where(n => !Directory.Exists(Path.Combine(WebModelsFolder, n["Scheduling.Web.Models.".Length..].Replace('.', Path.DirectorySeparatorChar))))
            .Select(n => $"{n} has no folder under Models/"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// <c>Result&lt;T&gt;.Value</c> throws on a refusal, which the error page shows as a 500. Application
    /// code reads a value only through <c>Failed(out error, out value)</c> (or the controllers'
    /// <c>Render</c>), which hands over the error in the same breath. Read from the compiled code, views included.
    /// </summary>
    [Fact]
    public void NoSourceProject_ReadsResultValue_WithoutTakingItsError()
    {
        var reads = new List<string>();
        foreach (var file in SourceAssemblies.Files)
        {
            using var module = ModuleDefinition.ReadModule(file);
            reads.AddRange(
                from type in module.GetTypes()
                from method in type.Methods
                where method.HasBody
                from instruction in method.Body.Instructions
                where instruction.OpCode == OpCodes.Call || instruction.OpCode == OpCodes.Callvirt
                where instruction.Operand is MethodReference { Name: "get_Value" } called
                    && called.DeclaringType.GetElementType().FullName == "Scheduling.Application.Common.Results.Result`1"
                select $"{type.FullName}.{method.Name}");
        }

        Assert.True(reads.Count == 0, "Read the value with result.Failed(out var error, out var value) instead of .Value in: " + string.Join("; ", reads.Distinct()));
    }
}
