using Hl7.Fhir.Model;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Domain.Integration;

namespace Scheduling.Web.Fhir;

/// <summary>
/// What the API says about itself, to anyone: the CapabilityStatement (exactly what is supported) and
/// the SMART configuration (how to get a token). The eligibility questionnaire needs a token.
/// </summary>
public sealed class FhirConformanceController(CapabilityStatementBuilder capabilities, EligibilityQuestionnaire questionnaire, FhirOptions options)
    : FhirControllerBase(options)
{
    [HttpGet("metadata")]
    [AllowAnonymous]
    public IActionResult Metadata() => Ok(capabilities.Build(BaseUrl, TokenEndpoint));

    [HttpGet(".well-known/smart-configuration")]
    [AllowAnonymous]
    public IActionResult SmartConfiguration() => Json(new Dictionary<string, object>
    {
        ["issuer"] = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/",
        ["token_endpoint"] = TokenEndpoint,
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        ["token_endpoint_auth_signing_alg_values_supported"] = ClientAssertionRules.Algorithms.Order(StringComparer.Ordinal).ToArray(),
        ["grant_types_supported"] = new[] { "client_credentials" },
        ["scopes_supported"] = SmartScopes.All.Select(s => s.Scope).ToArray(),
        ["response_types_supported"] = Array.Empty<string>(),
        ["capabilities"] = new[] { "client-confidential-asymmetric" },
    });

    [HttpGet("Questionnaire/{id}")]
    [Authorize(Policy = SmartScopes.QuestionnaireRead)]
    public IActionResult ReadQuestionnaire(string id) =>
        id == EligibilityQuestionnaire.Id
            ? Ok(questionnaire.Build())
            : Outcomes.Result(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Questionnaire/{id} was not found; this server publishes Questionnaire/{EligibilityQuestionnaire.Id}.");

    [HttpGet("Questionnaire")]
    [Authorize(Policy = SmartScopes.QuestionnaireRead)]
    public IActionResult SearchQuestionnaires()
    {
        var (offset, count, problem) = Paging();
        if (problem is not null)
        {
            return problem;
        }

        var built = questionnaire.Build();
        var matches = (!Request.Query.TryGetValue("url", out var url) || url.ToString().Split('|')[0] == built.Url)
            && (!Request.Query.TryGetValue("_id", out var id) || id == EligibilityQuestionnaire.Id);
        Dictionary<string, string> used = Request.Query.Where(q => q.Key is "url" or "_id").ToDictionary(q => q.Key, q => q.Value.ToString());
        Resource[] page = matches && offset == 0 && count > 0 ? [built] : [];
        return Ok(Searchset("Questionnaire", used, page, matches ? 1 : 0, offset, count));
    }

    /// <summary>
    /// Anything else under /fhir: an OperationOutcome saying it is not supported (405 for a resource type
    /// this server has, with a method it does not take there; 404 otherwise). Without it the web app's
    /// sign-in rules would answer with a redirect to its login page.
    /// </summary>
    [Route("{**rest}", Order = int.MaxValue)]
    [AllowAnonymous]
    public IActionResult NotSupported(string? rest)
    {
        var type = rest?.Split('/', 2)[0];
        return type is not null && capabilities.Supports(type)
            ? Outcomes.Result(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported,
                $"{Request.Method} is not supported on {type} here; see /fhir/metadata for the interactions this server supports.")
            : Outcomes.Result(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported,
                "This server does not support that resource type or interaction; see /fhir/metadata.");
    }

    private string TokenEndpoint => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{SmartBackendServices.TokenPath}";
}
