using NetArchTest.Rules;

namespace Scheduling.ArchitectureTests;

/// <summary>
/// Which way the projects may depend on each other: the domain on nothing but .NET itself, the
/// application on the domain (and its few libraries), never on how it is stored or shown.
/// </summary>
public sealed class LayerTests
{
    /// <summary>Frameworks and libraries of the outer layers, by namespace.</summary>
    private static readonly string[] Frameworks =
    [
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore",
        "Microsoft.Extensions",
        "Mediator",
        "FluentValidation",
        "Hangfire",
        "MailKit",
        "MimeKit",
        "Ical",
        "Npgsql",
        "Microsoft.Data",
        "System.Data",
        "System.Net.Http",
        "OpenTelemetry",
        "QRCoder",
    ];

    /// <summary>Every other project of src/, by namespace (the domain's own is Scheduling.Domain).</summary>
    private static readonly string[] OtherProjects =
    [
        "Scheduling.Application",
        "Scheduling.Infrastructure",
        "Scheduling.Web",
        "Scheduling.Migrations",
    ];

    [Fact]
    public void Domain_DependsOnNoFramework()
    {
        var result = Types.InAssembly(SourceAssemblies.Domain).ShouldNot().HaveDependencyOnAny(Frameworks).GetResult();

        Assert.True(result.IsSuccessful, Describe("Domain types that use a framework", result));
    }

    [Fact]
    public void Domain_DependsOnNoOtherProject()
    {
        var result = Types.InAssembly(SourceAssemblies.Domain).ShouldNot().HaveDependencyOnAny(OtherProjects).GetResult();

        Assert.True(result.IsSuccessful, Describe("Domain types that use another project", result));
    }

    [Fact]
    public void Domain_ReferencesOnlyTheDotNetLibraries()
    {
        // Catches a package or project reference even before any type uses it.
        var references = SourceAssemblies.Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"Scheduling.Domain references {name}; the domain uses .NET itself only."));
    }

    [Fact]
    public void Application_DependsNeitherOnInfrastructureNorOnTheWeb()
    {
        var result = Types.InAssembly(SourceAssemblies.Application).ShouldNot()
            .HaveDependencyOnAny("Scheduling.Infrastructure", "Scheduling.Web", "Scheduling.Migrations", "Microsoft.AspNetCore", "Hangfire")
            .GetResult();

        Assert.True(result.IsSuccessful, Describe("Application types that use infrastructure or the web layer", result));
    }

    private static string Describe(string what, NetArchTest.Rules.TestResult result) =>
        $"{what}: {string.Join(", ", result.FailingTypeNames ?? [])}";
}
