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
        new("Appointment", SmartScopes.AppointmentRead, [Read, Search], FhirAppointmentsController.SearchParameters)
        {
            SearchByPost = true,
            Operations =
            [
                new("find", SmartScopes.AppointmentRead, $"{IheScheduling}/OperationDefinition/appointment-find",
                    "ITI-115: proposed appointments for a referral (referral-identifier = the ServiceRequest id, or patient-reference) between start and end "
                    + "(at most 31 days; a date is the clinic's day), optionally with one practitioner; only times where the whole case fits and outside the booking "
                    + "lead time; _count (at most 50) and total."),
                new("hold", SmartScopes.AppointmentWrite, $"{IheScheduling}/OperationDefinition/appointment-hold",
                    "ITI-116: holds a proposed appointment for this client (status pending, the expiry in comment); nobody else is offered or can book it until then."),
                new("book", SmartScopes.AppointmentWrite, $"{IheScheduling}/OperationDefinition/appointment-book",
                    "ITI-117: books a proposed or held appointment (a lost race is 409), or cancels a booking (appointment-resource with status cancelled; "
                    + "the reason from cancelationReason or comment)."),
            ],
        },
    ];

    /// <summary>The IHE ITI Scheduling implementation guide's canonical base (its OperationDefinitions).</summary>
    public const string IheScheduling = "https://profiles.ihe.net/ITI/Scheduling";

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
                + $"scope {SmartScopes.ServiceRequestCreate}) and the practice's referrals, patients and their progress; "
                + "IHE ITI Scheduling for the referrals: Appointment/$find, $hold, $book (and cancel through $book), Appointment read and search. "
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
                Documentation = new Markdown($"Scope {resource.Scope}."
                    + (resource.SearchByPost ? $" Search also by POST [base]/{resource.Type}/_search (form-encoded parameters)." : string.Empty)),
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
            component.Operation.AddRange(resource.Operations.Select(o => new CapabilityStatement.OperationComponent
            {
                Name = o.Name,
                Definition = o.Definition,
                Documentation = new Markdown($"Scope {o.Scope}. {o.Documentation}"),
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
        IReadOnlyList<(string Name, SearchParamType Type, string Documentation)> SearchParameters)
    {
        /// <summary>Searches also by POST [base]/Type/_search.</summary>
        public bool SearchByPost { get; init; }

        public IReadOnlyList<SupportedOperation> Operations { get; init; } = [];
    }

    /// <summary>A type-level operation (POST [base]/Type/$name) with the scope it needs.</summary>
    public sealed record SupportedOperation(string Name, string Scope, string Definition, string Documentation);
}
