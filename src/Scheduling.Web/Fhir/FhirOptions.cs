namespace Scheduling.Web.Fhir;

/// <summary>The FHIR API's settings (section "Fhir"), checked at start-up with the others.</summary>
public sealed class FhirOptions
{
    public const string SectionName = "Fhir";

    /// <summary>Lifetime of an access token; SMART Backend Services expects a few minutes.</summary>
    public int AccessTokenMinutes { get; set; } = 5;

    /// <summary>Calls per client per minute, per instance (then 429 with an OperationOutcome).</summary>
    public int RequestsPerMinutePerClient { get; set; } = 600;

    /// <summary>Entries on a search page when the client does not say (_count).</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>The most entries a page holds, whatever _count asks.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>How long an Appointment/$hold keeps its time for the client (minutes).</summary>
    public int HoldMinutes { get; set; } = 10;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (HoldMinutes is < 1 or > 60)
        {
            problems.Add($"Fhir:HoldMinutes must be between 1 and 60 (is {HoldMinutes}).");
        }

        if (AccessTokenMinutes is < 1 or > 60)
        {
            problems.Add($"Fhir:AccessTokenMinutes must be between 1 and 60 (is {AccessTokenMinutes}).");
        }

        if (RequestsPerMinutePerClient is < 1 or > 1_000_000)
        {
            problems.Add($"Fhir:RequestsPerMinutePerClient must be between 1 and 1000000 (is {RequestsPerMinutePerClient}).");
        }

        if (MaxPageSize is < 1 or > 1000)
        {
            problems.Add($"Fhir:MaxPageSize must be between 1 and 1000 (is {MaxPageSize}).");
        }

        if (DefaultPageSize < 1 || DefaultPageSize > MaxPageSize)
        {
            problems.Add($"Fhir:DefaultPageSize must be between 1 and Fhir:MaxPageSize (is {DefaultPageSize}).");
        }

        return problems;
    }
}
