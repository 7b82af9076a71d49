using Hl7.Fhir.Model;

using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Integration;

namespace Scheduling.Web.Fhir;

/// <summary>
/// Referral intake and the referral's resources. A transaction Bundle (Patient, ServiceRequest,
/// QuestionnaireResponse) goes through <see cref="SubmitReferral"/>, the web form's use case: the
/// same validator, the same eligibility engine, one transaction (a refusal leaves nothing behind).
/// Reads and searches go through <see cref="ListReferralRecords"/>: only the referrals the client's
/// doctor may see, every view audited.
/// </summary>
public sealed class FhirReferralsController(IMediator mediator, ReferralResources resources, FhirOptions options) : FhirControllerBase(options)
{
    [HttpPost("")]
    [Authorize(Policy = SmartScopes.ServiceRequestCreate)]
    public async Task<IActionResult> Transaction(CancellationToken cancellationToken)
    {
        var (bundle, problem) = await FhirJson.ReadAsync<Bundle>(Request, cancellationToken);
        if (problem is not null)
        {
            return new FhirResult(problem, StatusCodes.Status400BadRequest);
        }

        if ((await mediator.Send(new GetNewReferralDefaults.Query(), cancellationToken)).Failed(out var refused, out var defaults))
        {
            return Outcomes.FromError(refused);
        }

        var (details, answers, _, problems) = resources.Read(bundle!, defaults);
        if (problems.Count > 0)
        {
            var outcome = new OperationOutcome();
            outcome.Issue.AddRange(problems.Select(p => Outcomes.Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Invalid, p.Message, p.Expression)));
            return new FhirResult(outcome, StatusCodes.Status400BadRequest);
        }

        if ((await mediator.Send(new SubmitReferral.Command(null, details, answers), cancellationToken)).Failed(out var error, out var submitted))
        {
            return Outcomes.FromError(error, ReferralResources.ExpressionOf);
        }

        if ((await mediator.Send(new ListReferralRecords.Query(submitted.ReferralId, 0, 1), cancellationToken)).Failed(out var gone, out var created))
        {
            return Outcomes.FromError(gone);
        }

        var record = created.Records[0];
        return new FhirResult(TransactionResponse(record));
    }

    [HttpGet("ServiceRequest/{id}")]
    [Authorize(Policy = SmartScopes.ServiceRequestRead)]
    public Task<IActionResult> ReadServiceRequest(string id, CancellationToken cancellationToken) =>
        ReadAsync(id, "ServiceRequest", resources.ToServiceRequest, cancellationToken);

    [HttpGet("ServiceRequest")]
    [Authorize(Policy = SmartScopes.ServiceRequestRead)]
    public Task<IActionResult> SearchServiceRequests(CancellationToken cancellationToken) =>
        SearchAsync("ServiceRequest", resources.ToServiceRequest, ("_id", "ServiceRequest"), ("patient", "Patient"), ("subject", "Patient"), cancellationToken);

    [HttpGet("Patient/{id}")]
    [Authorize(Policy = SmartScopes.PatientRead)]
    public Task<IActionResult> ReadPatient(string id, CancellationToken cancellationToken) =>
        ReadAsync(id, "Patient", resources.ToPatient, cancellationToken);

    [HttpGet("Patient")]
    [Authorize(Policy = SmartScopes.PatientRead)]
    public Task<IActionResult> SearchPatients(CancellationToken cancellationToken) =>
        SearchAsync("Patient", resources.ToPatient, ("_id", "Patient"), null, null, cancellationToken);

    [HttpGet("Task/{id}")]
    [Authorize(Policy = SmartScopes.TaskRead)]
    public Task<IActionResult> ReadTask(string id, CancellationToken cancellationToken) =>
        ReadAsync(id, "Task", resources.ToTask, cancellationToken);

    [HttpGet("Task")]
    [Authorize(Policy = SmartScopes.TaskRead)]
    public Task<IActionResult> SearchTasks(CancellationToken cancellationToken) =>
        SearchAsync("Task", resources.ToTask, ("_id", "Task"), ("based-on", "ServiceRequest"), ("patient", "Patient"), cancellationToken);

    private async Task<IActionResult> ReadAsync(string id, string type, Func<ListReferralRecords.ReferralRecord, Resource> map, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var referralId))
        {
            return Outcomes.Result(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} was not found.");
        }

        return (await mediator.Send(new ListReferralRecords.Query(referralId, 0, 1), cancellationToken)).Failed(out _, out var page)
            ? Outcomes.Result(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} was not found.")
            : Ok(map(page.Records[0]));
    }

    /// <summary>
    /// A page of the referrals' resources. The filters (an id, or a reference to the referral's
    /// ServiceRequest or Patient, which share its id) narrow to one referral; an id that is not one of
    /// ours matches nothing.
    /// </summary>
    private async Task<IActionResult> SearchAsync(
        string type,
        Func<ListReferralRecords.ReferralRecord, Resource> map,
        (string Name, string Type)? idFilter,
        (string Name, string Type)? referenceFilter,
        (string Name, string Type)? otherFilter,
        CancellationToken cancellationToken)
    {
        var (offset, count, problem) = Paging();
        if (problem is not null)
        {
            return problem;
        }

        Dictionary<string, string> used = [];
        Guid? only = null;
        var noMatch = false;
        foreach (var filter in new[] { idFilter, referenceFilter, otherFilter })
        {
            if (filter is { } f && Request.Query.TryGetValue(f.Name, out var value))
            {
                used[f.Name] = value.ToString();
                var id = IdFrom(value, f.Type);
                noMatch |= id is null || (only is { } earlier && earlier != id);
                only ??= id;
            }
        }

        if (noMatch)
        {
            return Ok(Searchset(type, used, [], 0, offset, count));
        }

        return (await mediator.Send(new ListReferralRecords.Query(only, offset, count), cancellationToken)).Failed(out _, out var page)
            ? Ok(Searchset(type, used, [], 0, offset, count))
            : Ok(Searchset(type, used, page.Records.Select(map), page.Total, offset, count));
    }

    /// <summary>
    /// The transaction's answer: the created Patient, ServiceRequest (its status says where the referral
    /// went) and QuestionnaireResponse, each with its location, the eligibility outcome as the
    /// ServiceRequest entry's OperationOutcome (one issue per criterion that triggered), and the
    /// referral's Task.
    /// </summary>
    private Bundle TransactionResponse(ListReferralRecords.ReferralRecord record)
    {
        var request = resources.ToServiceRequest(record);
        var answers = (QuestionnaireResponse)request.Contained[0].DeepCopy();
        answers.Id = null;
        var bundle = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        void Add(Resource resource, string location, OperationOutcome? outcome = null) => bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{BaseUrl}/{location}",
            Resource = resource,
            Response = new Bundle.ResponseComponent { Status = "201 Created", Location = location, Outcome = outcome },
        });

        Add(resources.ToPatient(record), $"Patient/{record.Id}");
        Add(request, $"ServiceRequest/{record.Id}", resources.EligibilityResult(record));
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            Resource = answers,
            Response = new Bundle.ResponseComponent { Status = "201 Created" },
        });
        Add(resources.ToTask(record), $"Task/{record.Id}");
        return bundle;
    }
}
