using System.Net;

using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

using Microsoft.EntityFrameworkCore;

using Scheduling.Domain.Integration;
using Scheduling.Domain.Referrals;
using Scheduling.FhirTests.Infrastructure;

namespace Scheduling.FhirTests;

/// <summary>Referral intake over FHIR: a transaction in, the eligibility outcome out, progress as a Task, reads and searches.</summary>
public sealed class ReferralIntakeTests(FhirServer server)
{
    private static readonly string[] IntakeScopes =
    [
        SmartScopes.QuestionnaireRead, SmartScopes.ServiceRequestCreate, SmartScopes.ServiceRequestRead, SmartScopes.TaskRead, SmartScopes.PatientRead,
    ];

    [Fact]
    public async System.Threading.Tasks.Task EligibleReferral_IsReadyToSchedule_WithItsTaskAcceptedAndEveryResourceValid()
    {
        var (fhir, questionnaire, _) = await ConnectAsync();

        var response = await fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.Eligible()));

        R4Validator.AssertValid(response!);
        var request = response!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single();
        var task = response.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Task>().Single();
        var outcome = (OperationOutcome)response.Entry.Single(e => e.Resource is ServiceRequest).Response!.Outcome!;
        Assert.Equal(RequestStatus.Active, request.Status);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Accepted, task.Status);
        Assert.Equal("ready-to-schedule", task.BusinessStatus.Coding[0].Code);
        Assert.StartsWith("Eligible", Assert.Single(outcome.Issue).Details.Text, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.ReadyToSchedule, await StatusOfAsync(request.Id));
    }

    [Fact]
    public async System.Threading.Tasks.Task NeedsReviewReferral_IsOnHold_WithOneIssuePerCriterionNamingItsItem()
    {
        var (fhir, questionnaire, _) = await ConnectAsync();

        var response = await fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.NeedsReview()));

        R4Validator.AssertValid(response!);
        var request = response!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single();
        var task = response.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Task>().Single();
        var outcome = (OperationOutcome)response.Entry.Single(e => e.Resource is ServiceRequest).Response!.Outcome!;
        Assert.Equal(RequestStatus.OnHold, request.Status);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Requested, task.Status);
        Assert.Equal("needs-review", task.BusinessStatus.Coding[0].Code);
        var findings = outcome.Issue.Skip(1).ToList();
        Assert.Equal(["4R", "5R"], findings.Select(f => f.Details.Coding[0].Code).Order());
        Assert.Contains(findings, f => f.Expression.Single() == "QuestionnaireResponse.item.where(linkId='bilirubin')" && f.Details.Text.Contains("2.4", StringComparison.Ordinal));
        Assert.Equal(ReferralStatus.AwaitingReview, await StatusOfAsync(request.Id));
    }

    [Fact]
    public async System.Threading.Tasks.Task IneligibleReferral_WaitsForAnIrPhysician_WithTheContraindication()
    {
        var (fhir, questionnaire, _) = await ConnectAsync();

        var response = await fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.Ineligible()));

        var task = response!.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Task>().Single();
        var outcome = (OperationOutcome)response.Entry.Single(e => e.Resource is ServiceRequest).Response!.Outcome!;
        Assert.Equal("ineligible-awaiting-review", task.BusinessStatus.Coding[0].Code);
        var contraindication = Assert.Single(outcome.Issue, i => i.Code == OperationOutcome.IssueType.BusinessRule);
        Assert.Equal("10X", contraindication.Details.Coding[0].Code);
        Assert.Equal("QuestionnaireResponse.item.where(linkId='portal-vein')", contraindication.Expression.Single());
    }

    [Fact]
    public async System.Threading.Tasks.Task ImplausibleAnswer_Is400NamingTheItem_AndNothingIsWritten()
    {
        var (fhir, questionnaire, client) = await ConnectAsync();
        var before = await ReferralCountAsync(client.DoctorUserId);

        var failure = await Assert.ThrowsAsync<FhirOperationException>(() =>
            fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.WithBilirubin(400m))));

        Assert.Equal(HttpStatusCode.BadRequest, failure.Status);
        R4Validator.AssertValid(failure.Outcome!);
        var issue = Assert.Single(failure.Outcome!.Issue);
        Assert.Equal("QuestionnaireResponse.item.where(linkId='bilirubin')", issue.Expression.Single());
        Assert.Contains("400", issue.Details.Text, StringComparison.Ordinal);
        Assert.Equal(before, await ReferralCountAsync(client.DoctorUserId));
    }

    [Fact]
    public async System.Threading.Tasks.Task MissingAnswerAndMissingBirthDate_AreEachNamed()
    {
        var (fhir, questionnaire, client) = await ConnectAsync();
        var answers = Referrals.Eligible() with { Platelets = null };

        var failure = await Assert.ThrowsAsync<FhirOperationException>(() =>
            fhir.TransactionAsync(Referrals.Transaction(questionnaire, answers, patient: p => p.BirthDate = null)));

        Assert.Equal(HttpStatusCode.BadRequest, failure.Status);
        var named = failure.Outcome!.Issue.SelectMany(i => i.Expression).ToList();
        Assert.Contains("QuestionnaireResponse.item.where(linkId='platelets')", named);
        Assert.Contains("Patient.birthDate", named);
        Assert.Equal(0, await ReferralCountAsync(client.DoctorUserId));
    }

    [Fact]
    public async System.Threading.Tasks.Task AnswersToAnotherQuestionnaire_AreRefused()
    {
        var (fhir, questionnaire, _) = await ConnectAsync();
        var bundle = Referrals.Transaction(questionnaire, Referrals.Eligible());
        bundle.Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>().Single().Questionnaire = "https://elsewhere.example/Questionnaire/other";

        var failure = await Assert.ThrowsAsync<FhirOperationException>(() => fhir.TransactionAsync(bundle));

        Assert.Equal(HttpStatusCode.BadRequest, failure.Status);
        Assert.Equal("QuestionnaireResponse.questionnaire", Assert.Single(failure.Outcome!.Issue).Expression.Single());
    }

    [Fact]
    public async System.Threading.Tasks.Task ThePatientsLanguage_ComesInAsTheFormsChoice_AndGoesOutCoded_AnotherLanguageMeansAnInterpreter()
    {
        var (fhir, questionnaire, _) = await ConnectAsync();
        static Action<Patient> Speaks(CodeableConcept language) =>
            p => p.Communication = [new Patient.CommunicationComponent { Language = language, Preferred = true }];

        var mexican = await fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.Eligible(), "Garcia",
            Speaks(new CodeableConcept("urn:ietf:bcp:47", "es-MX", "Spanish (Mexico)", "Spanish"))));
        var tagalog = await fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.Eligible(), "Santos",
            Speaks(new CodeableConcept { Text = "Tagalog" })));

        var spanishId = mexican!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Id;
        var tagalogId = tagalog!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Id;
        Assert.Equal(("es", (string?)null), await LanguageOfAsync(spanishId));
        Assert.Equal(("other", (string?)"Tagalog"), await LanguageOfAsync(tagalogId));
        var spanish = (await fhir.ReadAsync<Patient>("Patient/" + spanishId))!.Communication.Single();
        Assert.Equal(("urn:ietf:bcp:47", "es", true), (spanish.Language.Coding[0].System, spanish.Language.Coding[0].Code, spanish.Preferred));
        Assert.Equal("Tagalog", (await fhir.ReadAsync<Patient>("Patient/" + tagalogId))!.Communication.Single().Language.Text);
    }

    [Fact]
    public async System.Threading.Tasks.Task TaskSearchByBasedOn_FollowsTheReferral_AndReadsMatch()
    {
        var (fhir, questionnaire, _) = await ConnectAsync();
        var response = await fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.NeedsReview(), "Lovelace"));
        var id = response!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Id;

        var tasks = await fhir.SearchAsync<Hl7.Fhir.Model.Task>(["based-on=ServiceRequest/" + id]);
        var patient = await fhir.ReadAsync<Patient>("Patient/" + id);
        var request = await fhir.ReadAsync<ServiceRequest>("ServiceRequest/" + id);
        var task = await fhir.ReadAsync<Hl7.Fhir.Model.Task>("Task/" + id);

        foreach (var resource in new Resource[] { tasks!, patient!, request!, task! })
        {
            R4Validator.AssertValid(resource);
        }

        Assert.Equal(1, tasks!.Total);
        Assert.Equal(id, Assert.Single(tasks.Entry).Resource!.Id);
        Assert.Equal("Lovelace", patient!.Name[0].Family);
        Assert.Equal("1958-04-12", patient.BirthDate);
        Assert.Equal("Patient/" + id, request!.Subject.Reference);
        var answers = Assert.IsType<QuestionnaireResponse>(Assert.Single(request.Contained));
        Assert.Equal("#answers", request.SupportingInfo.Single().Reference);
        Assert.Contains(answers.Item, i => i.LinkId == "bilirubin" && ((FhirDecimal)i.Answer[0].Value!).Value == 2.4m);
        Assert.Equal("ServiceRequest/" + id, task!.BasedOn.Single().Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Searches_PageWithCountAndNextLinks_UntilEveryReferralIsSeenOnce()
    {
        var (fhir, questionnaire, _) = await ConnectAsync();
        foreach (var name in new[] { "Ada", "Bea", "Cid", "Dee", "Eve" })
        {
            await fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.Eligible(), "Paging" + name));
        }

        var page = await fhir.SearchAsync<ServiceRequest>(pageSize: 2);
        List<string> seen = [];
        var pages = 0;
        while (page is not null)
        {
            R4Validator.AssertValid(page);
            Assert.Equal(5, page.Total);
            Assert.True(page.Entry.Count <= 2);
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            pages++;
            page = await fhir.ContinueAsync(page);
        }

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task AnotherPracticesReferral_IsNotFound_AndNotInItsSearches()
    {
        var (mine, questionnaire, _) = await ConnectAsync();
        var (theirs, _, _) = await ConnectAsync();
        var response = await mine.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.Eligible(), "Private"));
        var id = response!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Id;

        var read = await Assert.ThrowsAsync<FhirOperationException>(() => theirs.ReadAsync<Patient>("Patient/" + id));
        var search = await theirs.SearchAsync<Hl7.Fhir.Model.Task>(["based-on=ServiceRequest/" + id]);
        var all = await theirs.SearchAsync<Patient>();

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        R4Validator.AssertValid(read.Outcome!);
        Assert.Equal(0, search!.Total);
        Assert.Equal(0, all!.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReferralSentOverFhir_IsTheDoctorsReferral_WithTheClientNamedInTheAudit()
    {
        var (fhir, questionnaire, client) = await ConnectAsync();

        var response = await fhir.TransactionAsync(Referrals.Transaction(questionnaire, Referrals.Eligible(), "Audited"));
        var id = Guid.Parse(response!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Id!);

        var (doctor, audit) = await server.WithDbAsync(async db => (
            await db.Referrals.Where(r => r.Id == id).Select(r => r.DoctorUserId).SingleAsync(),
            await db.AuditEntries.Where(a => a.UserName != null && a.UserName.Contains(client.ClientId)).Select(a => a.Action).ToListAsync()));
        Assert.Equal(client.DoctorUserId, doctor);
        Assert.Contains("ApiCall", audit);
        Assert.Contains("Viewed", audit);
    }

    private async Task<(FhirClient Fhir, Questionnaire Questionnaire, SmartClient Client)> ConnectAsync()
    {
        var client = await server.RegisterClientAsync(IntakeScopes);
        var fhir = client.Fhir(await client.TokenAsync(string.Join(' ', IntakeScopes)));
        var questionnaire = await fhir.ReadAsync<Questionnaire>("Questionnaire/tace-eligibility");
        return (fhir, questionnaire!, client);
    }

    private Task<ReferralStatus> StatusOfAsync(string id) =>
        server.WithDbAsync(db => db.Referrals.Where(r => r.Id == Guid.Parse(id)).Select(r => r.Status).SingleAsync());

    private async Task<(string Language, string? Interpreter)> LanguageOfAsync(string id)
    {
        var referral = await server.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == Guid.Parse(id)));
        return (referral.PreferredLanguage, referral.InterpreterLanguage);
    }

    private Task<int> ReferralCountAsync(string doctorUserId) =>
        server.WithDbAsync(db => db.Referrals.CountAsync(r => r.DoctorUserId == doctorUserId));
}
