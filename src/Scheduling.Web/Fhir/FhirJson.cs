using System.Text;
using System.Text.Json;

using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Scheduling.Web.Fhir;

/// <summary>
/// FHIR JSON in and out, through the Firely SDK. Parsing is strict (unknown elements, wrong types and
/// invalid primitive values are refused with the element's path), so what reaches a use case is a
/// well-formed R4 resource.
/// </summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    /// <summary>Bodies above this are refused: a referral with its answers is a few kilobytes.</summary>
    public const int MaxBodyBytes = 1_000_000;

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    public static string Serialize(Resource resource)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Serializer.Serialize(resource, writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The body as a <typeparamref name="T"/>, or an OperationOutcome saying why it is not one.</summary>
    public static async Task<(T? Resource, OperationOutcome? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : Resource
    {
        if (request.ContentType is { } contentType && !IsJson(contentType))
        {
            return (null, Outcomes.One(OperationOutcome.IssueType.NotSupported, $"Send FHIR JSON ({MediaType}); {contentType} is not supported."));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (read > MaxBodyBytes)
        {
            return (null, Outcomes.One(OperationOutcome.IssueType.TooCostly, $"The request body is larger than {MaxBodyBytes} bytes."));
        }

        var text = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Outcomes.One(OperationOutcome.IssueType.Required, $"The request needs a {typeof(T).Name} resource as its body."));
        }

        if (!Deserializer.TryDeserializeResource(text, out var resource, out var issues))
        {
            var outcome = new OperationOutcome();
            foreach (var issue in issues.Take(20))
            {
                outcome.Issue.Add(Outcomes.Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Structure, issue.Message));
            }

            if (outcome.Issue.Count == 0)
            {
                outcome.Issue.Add(Outcomes.Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Structure, "The body is not a valid FHIR R4 JSON resource."));
            }

            return (null, outcome);
        }

        return resource is T typed
            ? (typed, null)
            : (null, Outcomes.One(OperationOutcome.IssueType.Invalid, $"Expected a {typeof(T).Name}, got a {resource?.TypeName ?? "nothing"}."));
    }

    public static bool IsJson(string contentType) =>
        contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An action's FHIR answer: a resource, its status, and the Location of a created one.</summary>
public sealed class FhirResult(Resource resource, int statusCode = StatusCodes.Status200OK, string? location = null) : Microsoft.AspNetCore.Mvc.IActionResult
{
    public Resource Resource { get; } = resource;

    public int StatusCode { get; } = statusCode;

    public async System.Threading.Tasks.Task ExecuteResultAsync(Microsoft.AspNetCore.Mvc.ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (Resource.Meta?.VersionId is { } version)
        {
            response.Headers.ETag = $"W/\"{version}\"";
        }

        await response.WriteAsync(FhirJson.Serialize(Resource), context.HttpContext.RequestAborted);
    }
}
