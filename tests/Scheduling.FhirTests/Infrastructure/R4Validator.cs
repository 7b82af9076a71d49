using Firely.Fhir.Validation;

using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Scheduling.FhirTests.Infrastructure;

/// <summary>
/// Firely's validator against base R4, offline (the specification package ships specification.zip),
/// shared by every test: each resource the server returns must validate with zero errors.
/// </summary>
public static class R4Validator
{
    private static readonly Lazy<Validator> Instance = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source));
    });

    /// <summary>Every issue of error or fatal severity, as "severity code: text @ location".</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        var outcome = Instance.Value.Validate(resource);
        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Severity} {i.Code}: {i.Details?.Text ?? i.Diagnostics} @ {string.Join(", ", i.Expression)}")
            .ToList();
    }

    /// <summary>Asserts zero errors, listing them when there are any; a Bundle's entries and contained resources are validated with it.</summary>
    public static void AssertValid(Resource resource)
    {
        var errors = Errors(resource);
        Assert.True(errors.Count == 0, $"{resource.TypeName} is not valid R4:\n{string.Join("\n", errors)}");
    }
}
