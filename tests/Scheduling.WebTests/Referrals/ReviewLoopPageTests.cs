using System.Net;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using MimeKit;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Referrals;

/// <summary>
/// The review loop and the referral form's accessibility through the real pages: real forms with
/// antiforgery tokens, the doctor's email written by the outbox to the pickup folder.
/// </summary>
public sealed partial class ReviewLoopPageTests(WebApp app)
{
    /// <summary>The clinic's today (UTC's today is the clinic's tomorrow in the evening, and future-dated labs are refused).</summary>
    private DateOnly Today => app.Factory.Services.GetRequiredService<ClinicTime>().Today(app.Factory.Services.GetRequiredService<TimeProvider>());

    [Fact]
    public async Task Radiologist_AsksForMoreInformation_TheDoctorIsEmailed_UpdatesAndResubmits_AndTheNewOutcomeShowsWithBothAssessments()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today)));
        using var radiologist = await SignInAsync(app.Radiologist);
        var review = await radiologist.GetAsync($"/review/{id}");
        PageRules.AssertEveryInputIsLabelled(review);
        // What the decision rests on comes first: the outcome with its reasons and the answers, then the decision.
        var order = review.Document.QuerySelectorAll("#outcome, dl.answers, #decision").Select(e => e.Id is { Length: > 0 } elementId ? elementId : "answers").ToList();
        Assert.Equal(["outcome", "answers", "decision"], order);

        var empty = await radiologist.SubmitAsync(review, review.FormWithField("InformationRequest"), new Dictionary<string, string> { ["InformationRequest"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Contains("Say what the referring doctor should add", empty.FieldMessage("InformationRequest"), StringComparison.Ordinal);

        var asked = await radiologist.SubmitAsync(review, review.FormWithField("InformationRequest"),
            new Dictionary<string, string> { ["InformationRequest"] = "Please repeat bilirubin and give a current ECOG." });
        Assert.Equal("/review", asked.Url.AbsolutePath);
        Assert.Empty(asked.Document.QuerySelectorAll($"table.review-queue tr[data-referral-id='{id}']"));
        var waiting = Assert.Single(asked.Document.QuerySelectorAll($"table.awaiting-doctor tr[data-referral-id='{id}']"));
        Assert.Contains("Please repeat bilirubin and give a current ECOG.", waiting.TextContent, StringComparison.Ordinal);

        var mail = await SendEmailAsync(id, MessageKinds.DoctorInformationRequested);
        Assert.Contains(ReferralReference.For(id), mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Please repeat bilirubin and give a current ECOG.", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.Details().Diagnosis!, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("C22.0", mail.TextBody, StringComparison.Ordinal);
        var link = new Uri(ReferralLink().Match(mail.TextBody ?? string.Empty).Value).AbsolutePath;
        Assert.Equal($"/referrals/{id}", link);

        var page = await doctor.GetAsync(link);
        Assert.Equal("More information requested", page.Document.QuerySelector(".status")?.TextContent);
        Assert.Contains("Please repeat bilirubin", page.Document.QuerySelector("#information-request")?.TextContent, StringComparison.Ordinal);
        var edit = await doctor.GetAsync(page.Document.QuerySelectorAll("a").Single(a => a.TextContent.Contains("send it again", StringComparison.Ordinal)).GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, edit.Status);
        Assert.Contains("Please repeat bilirubin", edit.Body, StringComparison.Ordinal);
        Assert.Empty(edit.Document.QuerySelectorAll("button[value='SaveDraft']"));
        var form = edit.FormWithField("Details.PatientFirstName");
        var fields = ReferralForms.Fields(TestData.Details(), TestData.EligibleQuestionnaire(Today) with { BilirubinMgDl = 1.2m, Ecog = 0 });

        var resubmitted = await ReferralForms.PressAsync(doctor, edit, form, fields, "Intent", "Submit");

        Assert.Equal(HttpStatusCode.OK, resubmitted.Status);
        Assert.Equal($"/referrals/{id}", resubmitted.Url.AbsolutePath);
        Assert.Equal("Eligible", resubmitted.Document.QuerySelector("#outcome .outcome")?.TextContent);
        Assert.Equal("Ready to schedule", resubmitted.Document.QuerySelector(".status")?.TextContent);
        var assessments = resubmitted.Document.QuerySelectorAll(".timeline li[data-kind='Assessed']").Select(li => li.TextContent).ToList();
        Assert.Equal(2, assessments.Count);
        Assert.Contains("Total bilirubin 2.4 mg/dL", assessments[0], StringComparison.Ordinal);
        Assert.Contains("needs review", assessments[0], StringComparison.Ordinal);
        Assert.Contains("eligible. Ready to schedule", assessments[1], StringComparison.Ordinal);
        var kinds = resubmitted.Document.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent).ToList();
        Assert.Contains("More information requested", kinds);
        Assert.Contains("Updated and sent again", kinds);
        var queue = await radiologist.GetAsync("/review");
        Assert.Empty(queue.Document.QuerySelectorAll($"table.awaiting-doctor tr[data-referral-id='{id}']"));
    }

    [Fact]
    public async Task Radiologist_Declines_AndTheDoctorIsEmailedTheReason()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today)));
        using var radiologist = await SignInAsync(app.Radiologist);
        var review = await radiologist.GetAsync($"/review/{id}");

        await radiologist.SubmitAsync(review, review.FormWithField("DeclineReason"), new Dictionary<string, string> { ["DeclineReason"] = "Radioembolization suits this patient better." });

        var mail = await SendEmailAsync(id, MessageKinds.DoctorReviewDeclined);
        Assert.Contains("declined", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Radioembolization suits this patient better.", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewEmailThatFailedForGood_IsListedForSchedulers_WithTheReferralReferenceLinkingToTheReferral()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today)));
        using var radiologist = await SignInAsync(app.Radiologist);
        var review = await radiologist.GetAsync($"/review/{id}");
        await radiologist.SubmitAsync(review, review.FormWithField("ApproveNote"), new Dictionary<string, string> { ["ApproveNote"] = "Fine." });
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == id && m.Kind == MessageKinds.DoctorReviewApproved)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Failed), TestContext.Current.CancellationToken));
        using var scheduler = await SignInAsync(app.Scheduler);

        var list = await scheduler.GetAsync("/scheduling/attention");

        var link = Assert.Single(list.Document.QuerySelectorAll($"a[href='/staff/referrals/{id}']"));
        Assert.Equal(ReferralReference.For(id), link.TextContent);
        Assert.Contains("Doctor: referral approved", link.Closest("tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await scheduler.GetAsync(link.GetAttribute("href")!)).Status);
    }

    [Fact]
    public async Task Doctor_UpdatesTheLabDateOfAReferralWaitingToBeScheduled_ItIsAssessedAgainAndStaysInTheQueue()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.EligibleQuestionnaire(Today) with { LabsDrawnOn = Today.AddDays(-20) }));
        var edit = await doctor.GetAsync($"/referrals/{id}/edit");
        Assert.Equal("Update the referral", edit.Document.QuerySelector("h1")?.TextContent);
        var fields = ReferralForms.Fields(TestData.Details(), TestData.EligibleQuestionnaire(Today));

        var updated = await ReferralForms.PressAsync(doctor, edit, edit.FormWithField("Details.PatientFirstName"), fields, "Intent", "Submit");

        Assert.Equal("Ready to schedule", updated.Document.QuerySelector(".status")?.TextContent);
        Assert.Equal(2, updated.Document.QuerySelectorAll(".timeline li[data-kind='Assessed']").Length);
        Assert.Single(updated.Document.QuerySelectorAll(".timeline li[data-kind='Updated']"));
        Assert.Equal(Today.AddDays(-3), await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == id).Select(r => r.LabsDrawnOn!.Value).SingleAsync()));
    }

    [Fact]
    public async Task Draft_WithOnlyTheNameAndDateOfBirth_IsSaved_AndReopensWithNothingElseChosen()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var form = await doctor.GetAsync("/referrals/new");
        var fields = new Dictionary<string, string>
        {
            ["Details.PatientFirstName"] = "Nell",
            ["Details.PatientLastName"] = "Onlyname" + Guid.NewGuid().ToString("N")[..6],
            ["Details.PatientDateOfBirth"] = "1961-02-03",
            ["Details.PracticeName"] = string.Empty,
            ["Details.PracticeContact"] = string.Empty,
            ["Details.Urgency"] = string.Empty,
        };

        var saved = await ReferralForms.PressAsync(doctor, form, form.FormWithField("Details.PatientFirstName"), fields, "Intent", "SaveDraft");

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.EndsWith("/edit", saved.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(fields["Details.PatientLastName"], saved.Document.QuerySelector("[name='Details.PatientLastName']")?.GetAttribute("value"));
        Assert.Equal(string.Empty, ((AngleSharp.Html.Dom.IHtmlSelectElement)saved.Document.QuerySelector("select[name='Details.PatientSex']")!).Value);
        Assert.Equal(string.Empty, ((AngleSharp.Html.Dom.IHtmlSelectElement)saved.Document.QuerySelector("select[name='Details.Urgency']")!).Value);
        var list = await doctor.GetAsync("/referrals");
        var row = list.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(fields["Details.PatientLastName"], StringComparison.Ordinal));
        Assert.Contains("Not given", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithErrors_ShowsOneSummaryAtTheTopLinkingEachErrorToItsField_AndMarksTheFieldsForScreenReaders()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var form = await doctor.GetAsync("/referrals/new");
        var fields = ReferralForms.Fields(TestData.Details() with { PatientEmail = "ada@" }, TestData.EligibleQuestionnaire(Today) with { PortalVein = null });

        var page = await ReferralForms.PressAsync(doctor, form, form.FormWithField("Details.PatientFirstName"), fields, "Intent", "Submit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        var summary = Assert.Single(page.Document.QuerySelectorAll(".error-summary"));
        Assert.Equal("error-summary", summary.Id);
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Same(summary, page.FormWithField("Details.PatientFirstName").QuerySelector("*"));
        var targets = summary.QuerySelectorAll("li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Details_PatientEmail", "#Questionnaire_PortalVein"], targets.Order(StringComparer.Ordinal));
        foreach (var (field, id) in new[] { ("Details.PatientEmail", "Details_PatientEmail"), ("Questionnaire.PortalVein", "Questionnaire_PortalVein") })
        {
            var control = page.Document.GetElementById(id)!;
            Assert.Equal(field, control.GetAttribute("name"));
            Assert.Equal("true", control.GetAttribute("aria-invalid"));
            var message = page.Document.GetElementById(control.GetAttribute("aria-describedby")!.Split(' ')[^1])!;
            Assert.Equal(page.FieldMessage(field), message.TextContent.Trim());
            Assert.False(string.IsNullOrWhiteSpace(message.TextContent));
        }

        Assert.Null(page.Document.GetElementById("Details_PatientFirstName")!.GetAttribute("aria-invalid"));
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/site.js']"));
        PageRules.AssertNoInlineScriptOrStyle(page);
    }

    [Fact]
    public async Task Form_NumbersTheQuestionsInTheOrderShown_AndThePagesShowNoMachineNames()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var form = await doctor.GetAsync("/referrals/new");

        var numbers = form.Document.QuerySelectorAll("label, legend, p")
            .Select(e => QuestionNumber().Match(e.TextContent.Trim()))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
        Assert.Equal(Enumerable.Range(1, 20), numbers);
        Assert.DoesNotContain(form.Document.QuerySelectorAll("option"), o => o.TextContent is "Hcc" or "MainThrombusOrHepatofugal" or "ModerateSevere" or "Grade1To2");

        var page = await SubmitNewAsync(doctor, TestData.MainPortalVeinThrombosis(Today));
        var text = page.Document.QuerySelector("main")!.TextContent;
        foreach (var machine in new[] { "Hcc", "MainThrombusOrHepatofugal", "AwaitingReview" })
        {
            Assert.DoesNotContain(machine, text, StringComparison.Ordinal);
        }

        Assert.Contains("Hepatocellular carcinoma (HCC)", text, StringComparison.Ordinal);
        Assert.Contains("Main portal vein thrombosis or hepatofugal flow", text, StringComparison.Ordinal);

        using var admin = await SignInAsync(app.Admin);
        var templates = (await admin.GetAsync("/admin/templates")).Document.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("PatientBooked", templates, StringComparison.Ordinal);
        Assert.DoesNotContain("DoctorInformationRequested", templates, StringComparison.Ordinal);
        Assert.Contains("Overnight stay likely", templates, StringComparison.Ordinal);
    }

    /// <summary>Sends the queued email for this referral as the job would (pickup folder here) and reads it back.</summary>
    private async Task<MimeMessage> SendEmailAsync(Guid referralId, string kind)
    {
        var id = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == referralId && m.Kind == kind).Select(m => m.Id).SingleAsync());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.Equal(DispatchOutcome.Sent, await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(id, CancellationToken.None));
        var folder = scope.ServiceProvider.GetRequiredService<MailPickupFolder>();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value;
        return await MimeMessage.LoadAsync(Path.Combine(folder.Path, MailPickupFolder.FileNameFor(OutboxDispatcher.MessageIdFor(id, options))), TestContext.Current.CancellationToken);
    }

    private async Task<BrowserClient> SignInAsync(TestUser user)
    {
        var browser = app.CreateClient();
        var home = await browser.LoginAsync(user);
        Assert.Equal("/", home.Url.AbsolutePath);
        return browser;
    }

    private static async Task<Page> SubmitNewAsync(BrowserClient doctor, QuestionnaireInput questionnaire)
    {
        var form = await doctor.GetAsync("/referrals/new");
        var page = await ReferralForms.PressAsync(
            doctor, form, form.FormWithField("Details.PatientFirstName"), ReferralForms.Fields(TestData.Details(), questionnaire), "Intent", "Submit");
        Assert.True(page.Status == HttpStatusCode.OK, $"{page}: {page.Document.QuerySelector("[role=alert]")?.TextContent}");
        return page;
    }

    private static Guid IdOf(Page page) => Guid.Parse(page.Url.AbsolutePath.Split('/')[^1]);

    [GeneratedRegex(@"https?://[^\s]+/referrals/[0-9a-f-]{36}")]
    private static partial Regex ReferralLink();

    [GeneratedRegex(@"^(\d+)[a-z]?\. ")]
    private static partial Regex QuestionNumber();
}
