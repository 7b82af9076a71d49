using Hl7.Fhir.Model;

using Scheduling.Domain.Integration;

namespace Scheduling.Web.Fhir;

/// <summary>
/// The CapabilityStatement: every resource, interaction, search parameter and operation this server
/// supports, and nothing else, with the scope each needs and how to authenticate (SMART Backend
/// Services). A test checks it against the routes, so it cannot promise what the server does not do.
/// </summary>
public sealed class CapabilityStatementBuilder(TimeProvider clock)
{
    public static readonly IReadOnlyList<SupportedResource> Resources =
    [
        new("Patient", SmartScopes.PatientRead, [Read, Search], [("_id", SearchParamType.Token, "The referral's patient id")]),
        new("ServiceRequest", SmartScopes.ServiceRequestRead, [Read, Search],
            [("_id", SearchParamType.Token, "The referral id"), ("patient", SearchParamType.Reference, "The referral's patient"), ("subject", SearchParamType.Reference, "The referral's patient")]),
        new("Task", SmartScopes.TaskRead, [Read, Search],
            [("_id", SearchParamType.Token, "The referral id"), ("based-on", SearchParamType.Reference, "The referral (ServiceRequest)"), ("patient", SearchParamType.Reference, "The referral's patient")]),
        new("Questionnaire", SmartScopes.QuestionnaireRead, [Read, Search],
            [("_id", SearchParamType.Token, "tace-eligibility"), ("url", SearchParamType.Uri, "The questionnaire's canonical URL")]),
    ];

    private const CapabilityStatement.TypeRestfulInteraction Read = CapabilityStatement.TypeRestfulInteraction.Read;
    private const CapabilityStatement.TypeRestfulInteraction Search = CapabilityStatement.TypeRestfulInteraction.SearchType;

    public bool Supports(string resourceType) => Resources.Any(r => r.Type == resourceType);

    public CapabilityStatement Build(string baseUrl, string tokenEndpoint)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = new Markdown(
                "Referral intake (a transaction Bundle of Patient, ServiceRequest and a QuestionnaireResponse to Questionnaire/tace-eligibility, "
                + $"scope {SmartScopes.ServiceRequestCreate}) and the practice's referrals, patients and their progress. "
                + "Every search honours _count (default 20, at most 100) and pages with next links; total is always given."),
            Security = new CapabilityStatement.SecurityComponent
            {
                Cors = false,
                Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")],
                Description = new Markdown(
                    $"SMART Backend Services: POST a client_credentials token request to {tokenEndpoint} with a private_key_jwt client assertion "
                    + $"(RS384 or ES384, aud = the token endpoint, exp at most 5 minutes ahead, unique jti, kid of the registered key). "
                    + "Access tokens are short-lived bearer tokens. Scopes: " + string.Join(", ", SmartScopes.All.Select(s => s.Scope)) + "."),
            },
            Interaction = [new CapabilityStatement.SystemInteractionComponent
            {
                Code = CapabilityStatement.SystemRestfulInteraction.Transaction,
                Documentation = new Markdown($"Referral intake only (scope {SmartScopes.ServiceRequestCreate}): one Patient, one ServiceRequest and one QuestionnaireResponse, all POST."),
            }],
        };
        foreach (var resource in Resources)
        {
            var component = new CapabilityStatement.ResourceComponent
            {
                Type = resource.Type,
                Documentation = new Markdown($"Scope {resource.Scope}."),
                Versioning = CapabilityStatement.ResourceVersionPolicy.NoVersion,
                ReadHistory = false,
                UpdateCreate = false,
            };
            component.Interaction.AddRange(resource.Interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }));
            component.SearchParam.AddRange(resource.SearchParameters.Select(p => new CapabilityStatement.SearchParamComponent
            {
                Name = p.Name,
                Type = p.Type,
                Documentation = new Markdown(p.Documentation),
            }));
            rest.Resource.Add(component);
        }

        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "TACE scheduling and intake" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "TACE scheduling and intake FHIR API", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json", FhirJson.MediaType],
            Rest = [rest],
        };
    }

    public sealed record SupportedResource(
        string Type,
        string Scope,
        IReadOnlyList<CapabilityStatement.TypeRestfulInteraction> Interactions,
        IReadOnlyList<(string Name, SearchParamType Type, string Documentation)> SearchParameters);
}
