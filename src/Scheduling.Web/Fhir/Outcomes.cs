using Hl7.Fhir.Model;

using Scheduling.Application.Common.Results;

namespace Scheduling.Web.Fhir;

/// <summary>OperationOutcomes: how every FHIR error, and every use case's refusal, is answered.</summary>
public static class Outcomes
{
    public static OperationOutcome.IssueComponent Issue(
        OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, string text, string? expression = null)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = severity,
            Code = type,
            Details = new CodeableConcept { Text = text },
        };
        if (expression is not null)
        {
            issue.Expression = [expression];
        }

        return issue;
    }

    public static OperationOutcome One(OperationOutcome.IssueType type, string text, string? expression = null, OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error) =>
        new() { Issue = [Issue(severity, type, text, expression)] };

    /// <summary>
    /// A use case's refusal: invalid input is 400 with one issue per field (named as FHIR names it,
    /// through <paramref name="expressionFor"/>), not found 404, a lost race or a state that forbids it 409.
    /// </summary>
    public static FhirResult FromError(Error error, Func<string, string?>? expressionFor = null)
    {
        var (status, type) = error.Kind switch
        {
            ErrorKind.Validation => (StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid),
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound),
            _ => (StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict),
        };
        var outcome = new OperationOutcome();
        foreach (var (field, messages) in error.FieldErrors)
        {
            foreach (var message in messages)
            {
                outcome.Issue.Add(Issue(OperationOutcome.IssueSeverity.Error, type, message, expressionFor?.Invoke(field)));
            }
        }

        if (outcome.Issue.Count == 0)
        {
            outcome.Issue.Add(Issue(OperationOutcome.IssueSeverity.Error, type, error.Message));
        }

        return new FhirResult(outcome, status);
    }

    public static FhirResult Result(int status, OperationOutcome.IssueType type, string text, string? expression = null) =>
        new(One(type, text, expression), status);

    /// <summary>The outcome for a status the pipeline produced with no body of its own (no route, no token, too many calls...).</summary>
    public static OperationOutcome ForStatus(int status, string? traceId) => status switch
    {
        StatusCodes.Status401Unauthorized => One(OperationOutcome.IssueType.Login,
            "A valid bearer access token is required (SMART Backend Services: see /fhir/.well-known/smart-configuration)."),
        StatusCodes.Status403Forbidden => One(OperationOutcome.IssueType.Forbidden,
            "The access token does not grant the scope this interaction needs."),
        StatusCodes.Status404NotFound => One(OperationOutcome.IssueType.NotSupported,
            "This server does not support that resource type or interaction; see /fhir/metadata."),
        StatusCodes.Status405MethodNotAllowed => One(OperationOutcome.IssueType.NotSupported,
            "This interaction is not supported on that path; see /fhir/metadata."),
        StatusCodes.Status406NotAcceptable => One(OperationOutcome.IssueType.NotSupported, $"This server answers in {FhirJson.MediaType} only."),
        StatusCodes.Status415UnsupportedMediaType => One(OperationOutcome.IssueType.NotSupported, $"Send {FhirJson.MediaType}."),
        StatusCodes.Status429TooManyRequests => One(OperationOutcome.IssueType.Throttled, "Too many calls from this client; wait a minute and retry."),
        >= 500 => One(OperationOutcome.IssueType.Exception,
            $"The server could not complete the request. Reference for support: {traceId}.", severity: OperationOutcome.IssueSeverity.Fatal),
        _ => One(OperationOutcome.IssueType.Invalid, $"The request was refused (HTTP {status})."),
    };
}
