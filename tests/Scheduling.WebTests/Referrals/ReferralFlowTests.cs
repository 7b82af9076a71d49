using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Referrals;

/// <summary>The issue's "done when" list, through the real pages and forms.</summary>
public sealed class ReferralFlowTests(WebApp app)
{
    // The clinic's date, not UTC's: between 19:00 and midnight in New York the UTC date is already tomorrow.
    private DateOnly Today => app.Factory.Services.GetRequiredService<ClinicTime>().Today(TimeProvider.System);

    [Fact]
    public async Task Doctor_SubmitsAnEligibleReferral_AndSeesEligibleAtOnce()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));

        var page = await SubmitNewAsync(doctor, TestData.EligibleQuestionnaire(Today));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Eligible", page.Document.QuerySelector("#outcome .outcome")?.TextContent);
        Assert.Null(page.Document.QuerySelector("#outcome .reasons"));
        Assert.Equal("Ready to schedule", page.Document.QuerySelector(".status")?.TextContent);
    }

    [Fact]
    public async Task Doctor_SubmitsBilirubin24AndEcog1_AndSeesNeedsReviewWithTwoReasonsNamingTheValues()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));

        var page = await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today));

        Assert.Equal("Needs review", page.Document.QuerySelector("#outcome .outcome")?.TextContent);
        var reasons = page.Document.QuerySelectorAll("#outcome .reasons li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("ECOG performance status 1", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Total bilirubin 2.4 mg/dL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_SubmitsMainPortalVeinThrombosis_AndSeesIneligible()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));

        var page = await SubmitNewAsync(doctor, TestData.MainPortalVeinThrombosis(Today));

        Assert.Equal("Ineligible", page.Document.QuerySelector("#outcome .outcome")?.TextContent);
        Assert.Contains("Main portal vein thrombosis", Assert.Single(page.Document.QuerySelectorAll("#outcome .reasons li")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewReferralForm_IsPrefilledFromTheProfile_LabelsEveryControl_AndShowsTheChildPughOutput()
    {
        var user = await app.CreateUserAsync(Roles.ReferringPhysician);
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Email == user.Email);
            stored.PracticeName = "Harbour Hepatology";
            stored.PracticePhone = "555-0123";
            return await db.SaveChangesAsync();
        });
        using var doctor = await SignInAsync(user);

        var page = await doctor.GetAsync("/referrals/new");

        PageRules.AssertEveryInputIsLabelled(page);
        Assert.Equal("Harbour Hepatology", page.Document.QuerySelector("[name='Details.PracticeName']")?.GetAttribute("value"));
        Assert.Contains("555-0123", page.Document.QuerySelector("[name='Details.PracticeContact']")?.GetAttribute("value"), StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("output#child-pugh-score"));
        Assert.Null(page.Document.QuerySelector("[name*='ChildPugh']"));
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/child-pugh.js']"));
    }

    [Fact]
    public async Task Doctor_SavesAHalfFilledDraft_AndComesBackToIt()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var form = await doctor.GetAsync("/referrals/new");
        var fields = ReferralForms.Fields(TestData.Details("Draftsby"), new QuestionnaireInput { BilirubinMgDl = 1.3m, AlbuminGdL = 3.0m });

        var saved = await ReferralForms.PressAsync(doctor, form, form.FormWithField("Details.PatientFirstName"), fields, "Intent", "SaveDraft");

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.EndsWith("/edit", saved.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("Draftsby", saved.Document.QuerySelector("[name='Details.PatientLastName']")?.GetAttribute("value"));
        Assert.Equal("1.3", saved.Document.QuerySelector("[name='Questionnaire.BilirubinMgDl']")?.GetAttribute("value"));
        var list = await doctor.GetAsync("/referrals");
        Assert.Contains(list.Document.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Draftsby", StringComparison.Ordinal) && r.TextContent.Contains("Draft", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_WithAnUnansweredQuestion_Returns422WithTheMessageBesideIt()
    {
        var user = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var doctor = await SignInAsync(user);
        var before = await ReferralsOfAsync(user);

        var page = await SubmitNewAsync(doctor, TestData.EligibleQuestionnaire(Today) with { PortalVein = null }, followToOutcome: false);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("Answer this question", page.FieldMessage("Questionnaire.PortalVein"), StringComparison.Ordinal);
        Assert.Equal(before, await ReferralsOfAsync(user));
    }

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        { "Details.PatientDateOfBirth", "future", "in the future", "details" },
        { "Details.PatientEmail", "ada.okafor@", "valid email", "details" },
        { "Questionnaire.BilirubinMgDl", "-1", "between", "questionnaire" },
        { "Questionnaire.BilirubinMgDl", "400", "between", "questionnaire" },
        { "Questionnaire.BilirubinMgDl", "lots", "not valid", "questionnaire" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task SaveAndSubmit_WithBadInput_Return422WithTheMessageBesideTheFieldAndSaveNothing(string field, string value, string message, string section)
    {
        var user = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var doctor = await SignInAsync(user);
        var before = await ReferralsOfAsync(user);
        Assert.NotEmpty(section);

        foreach (var intent in new[] { "SaveDraft", "Submit" })
        {
            var form = await doctor.GetAsync("/referrals/new");
            var fields = ReferralForms.Fields(TestData.Details(), TestData.EligibleQuestionnaire(Today));
            fields[field] = value == "future" ? Today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value;

            var page = await ReferralForms.PressAsync(doctor, form, form.FormWithField("Details.PatientFirstName"), fields, "Intent", intent);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
            Assert.Contains(message, page.FieldMessage(field), StringComparison.Ordinal);
            PageRules.AssertEveryInputIsLabelled(page);
        }

        Assert.Equal(before, await ReferralsOfAsync(user));
    }

    [Fact]
    public async Task Radiologist_ApprovesANeedsReviewReferral_AndTheDoctorSeesWhoAndWhyOnTheTimeline()
    {
        var doctorUser = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var doctor = await SignInAsync(doctorUser);
        var id = IdOf(await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today)));
        using var radiologist = await SignInAsync(app.Radiologist);

        var queue = await radiologist.GetAsync("/review");
        var row = Assert.Single(queue.Document.QuerySelectorAll($"tr[data-referral-id='{id}']"));
        Assert.Contains("Total bilirubin 2.4", row.TextContent, StringComparison.Ordinal);
        var review = await radiologist.GetAsync($"/review/{id}");
        PageRules.AssertEveryInputIsLabelled(review);
        var done = await radiologist.SubmitAsync(review, review.FormWithField("ApproveNote"), new Dictionary<string, string> { ["ApproveNote"] = "Segmental approach." });

        Assert.Equal("/review", done.Url.AbsolutePath);
        Assert.Empty(done.Document.QuerySelectorAll($"tr[data-referral-id='{id}']"));
        var seen = await doctor.GetAsync($"/referrals/{id}");
        Assert.Equal("Ready to schedule", seen.Document.QuerySelector(".status")?.TextContent);
        Assert.Contains(seen.Document.QuerySelectorAll(".timeline li"), li => li.TextContent.Contains("Approved by Test Radiologist", StringComparison.Ordinal)
            && li.TextContent.Contains("Segmental approach.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Radiologist_DeclinesOnlyWithAReason()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today)));
        using var radiologist = await SignInAsync(app.Radiologist);
        var review = await radiologist.GetAsync($"/review/{id}");

        var refused = await radiologist.SubmitAsync(review, review.FormWithField("DeclineReason"), new Dictionary<string, string> { ["DeclineReason"] = " " });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("reason for declining", refused.FieldMessage("DeclineReason"), StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.AwaitingReview, await StatusAsync(id));

        await radiologist.SubmitAsync(refused, refused.FormWithField("DeclineReason"), new Dictionary<string, string> { ["DeclineReason"] = "Better served by radioembolization." });

        Assert.Equal(ReferralStatus.Declined, await StatusAsync(id));
        var seen = await doctor.GetAsync($"/referrals/{id}");
        Assert.Contains(seen.Document.QuerySelectorAll(".timeline li"), li => li.TextContent.Contains("radioembolization", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Radiologist_OverridesAnIneligibleOutcomeOnlyWithAJustification()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.MainPortalVeinThrombosis(Today)));
        using var radiologist = await SignInAsync(app.Radiologist);
        var review = await radiologist.GetAsync($"/review/{id}");
        Assert.Throws<Xunit.Sdk.XunitException>(() => review.FormWithField("ApproveNote"));

        var refused = await radiologist.SubmitAsync(review, review.FormWithField("OverrideJustification"), new Dictionary<string, string> { ["OverrideJustification"] = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("justification", refused.FieldMessage("OverrideJustification"), StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.AwaitingReview, await StatusAsync(id));

        await radiologist.SubmitAsync(refused, refused.FormWithField("OverrideJustification"), new Dictionary<string, string> { ["OverrideJustification"] = "Collaterals; tumour board agreed." });

        Assert.Equal(ReferralStatus.ReadyToSchedule, await StatusAsync(id));
    }

    [Fact]
    public async Task SecondDoctor_Gets404OnTheFirstDoctorsReferralAndItsAttachments_WhileStaffCanDownloadThem()
    {
        using var first = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(first, TestData.BilirubinAndEcogNeedReview(Today)));
        var uploaded = await ReferralForms.UploadAsync(first, await first.GetAsync($"/referrals/{id}"), "File", "CT report.pdf", TestData.PdfBytes());
        var link = Assert.Single(uploaded.Document.QuerySelectorAll(".attachments a")).GetAttribute("href")!;
        var own = await first.Http.GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestData.PdfBytes(), await own.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        using var second = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));

        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/referrals/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/referrals/{id}/edit")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/referrals/{Guid.CreateVersion7()}")).Status);
        using var scheduler = await SignInAsync(app.Scheduler);
        Assert.Equal(HttpStatusCode.OK, (await scheduler.Http.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain((await second.GetAsync("/referrals")).Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/referrals/{id}");
    }

    [Theory]
    [InlineData("report.pdf", "exe", "not a PDF, JPEG or PNG")]
    [InlineData("scan.pdf", "50MB", "at most 10 MB")]
    public async Task Attach_AnExeRenamedPdfOrA50MegabyteFile_Returns422WithTheMessageBesideTheFileAndSavesNothing(string name, string kind, string message)
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today)));
        var before = await AttachmentsOfAsync(id);
        var content = kind == "exe" ? TestData.ExeBytes() : TestData.PdfBytes(50 * 1024 * 1024);

        var page = await ReferralForms.UploadAsync(doctor, await doctor.GetAsync($"/referrals/{id}"), "File", name, content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains(message, page.FieldMessage("File"), StringComparison.Ordinal);
        Assert.Equal(before, await AttachmentsOfAsync(id));
    }

    [Fact]
    public async Task Doctor_WithdrawsWithAReason_ButNotWithout()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today)));
        var page = await doctor.GetAsync($"/referrals/{id}");

        var refused = await doctor.SubmitAsync(page, page.FormWithField("Reason"), new Dictionary<string, string> { ["Reason"] = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("why", refused.FieldMessage("Reason"), StringComparison.Ordinal);

        var done = await doctor.SubmitAsync(refused, refused.FormWithField("Reason"), new Dictionary<string, string> { ["Reason"] = "Patient moved away." });

        Assert.Equal("Withdrawn", done.Document.QuerySelector(".status")?.TextContent);
        Assert.Empty(done.Document.QuerySelectorAll("[name='Reason']"));
    }

    [Fact]
    public async Task Scheduler_SeesTheApprovedReferralReadyToSchedule_WithABookLinkAndTheStaffDetailPage()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        var id = IdOf(await SubmitNewAsync(doctor, TestData.BilirubinAndEcogNeedReview(Today) with { Ascites = Scheduling.Domain.Eligibility.Ascites.Mild }));
        using var radiologist = await SignInAsync(app.Radiologist);
        var review = await radiologist.GetAsync($"/review/{id}");
        await radiologist.SubmitAsync(review, review.FormWithField("ApproveNote"), new Dictionary<string, string>());
        using var scheduler = await SignInAsync(app.Scheduler);

        var queue = await scheduler.GetAsync("/scheduling/queue");

        Assert.Equal(HttpStatusCode.OK, queue.Status);
        var row = Assert.Single(queue.Document.QuerySelectorAll($"tr[data-referral-id='{id}']"));
        Assert.Contains("Overnight bed likely", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("0 days", row.TextContent, StringComparison.Ordinal);
        var book = Assert.Single(row.QuerySelectorAll("a.book"));
        Assert.Equal($"/scheduling/referrals/{id}/book", book.GetAttribute("href"));
        Assert.Equal("Book a slot", book.TextContent);
        var detail = await scheduler.GetAsync($"/staff/referrals/{id}");
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Contains(detail.Document.QuerySelectorAll(".timeline li"), li => li.TextContent.Contains("Approved", StringComparison.Ordinal));
        Assert.Equal("/account/access-denied", (await doctor.GetAsync("/scheduling/queue")).Url.AbsolutePath);
        Assert.Equal("/account/access-denied", (await doctor.GetAsync($"/staff/referrals/{id}")).Url.AbsolutePath);
    }

    [Fact]
    public async Task Navigation_ShowsEachRoleItsEntries()
    {
        using var doctor = await SignInAsync(await app.CreateUserAsync(Roles.ReferringPhysician));
        using var radiologist = await SignInAsync(app.Radiologist);
        using var scheduler = await SignInAsync(app.Scheduler);

        Assert.Equal(["/referrals", "/referrals/new"], NavLinks(await doctor.GetAsync("/")).Where(h => h.StartsWith("/referrals", StringComparison.Ordinal)));
        Assert.Contains("/review", NavLinks(await radiologist.GetAsync("/")));
        Assert.Contains("/scheduling/queue", NavLinks(await scheduler.GetAsync("/")));
        Assert.DoesNotContain("/scheduling/queue", NavLinks(await doctor.GetAsync("/")));
    }

    private static List<string> NavLinks(Page page) =>
        page.Document.QuerySelectorAll("nav a.nav-link").Select(a => a.GetAttribute("href") ?? string.Empty).ToList();

    private async Task<BrowserClient> SignInAsync(TestUser user)
    {
        var browser = app.CreateClient();
        var home = await browser.LoginAsync(user);
        Assert.Equal("/", home.Url.AbsolutePath);
        return browser;
    }

    private static async Task<Page> SubmitNewAsync(BrowserClient doctor, QuestionnaireInput questionnaire, bool followToOutcome = true)
    {
        var form = await doctor.GetAsync("/referrals/new");
        var page = await ReferralForms.PressAsync(
            doctor, form, form.FormWithField("Details.PatientFirstName"), ReferralForms.Fields(TestData.Details(), questionnaire), "Intent", "Submit");
        if (followToOutcome)
        {
            Assert.True(page.Status == HttpStatusCode.OK, $"{page}: {page.Document.QuerySelector("[role=alert]")?.TextContent}");
            Assert.Matches("^/referrals/[0-9a-f-]{36}$", page.Url.AbsolutePath);
        }

        return page;
    }

    private static Guid IdOf(Page page) => Guid.Parse(page.Url.AbsolutePath.Split('/')[^1]);

    private Task<ReferralStatus> StatusAsync(Guid id) =>
        app.WithDbAsync(db => db.Referrals.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    /// <summary>Only this test's doctor can have written these rows; other test classes add referrals to the same database meanwhile.</summary>
    private Task<(int Referrals, int Audit)> ReferralsOfAsync(TestUser doctor) =>
        app.WithDbAsync(async db => (
            await db.Referrals.CountAsync(r => r.DoctorUserId == doctor.Id),
            await db.AuditEntries.CountAsync(a => a.UserId == doctor.Id && (a.Action == "Created" || a.Action == "Updated" || a.Action == "Deleted"))));

    private Task<int> AttachmentsOfAsync(Guid referralId) =>
        app.WithDbAsync(db => db.ReferralAttachments.CountAsync(a => a.ReferralId == referralId));
}
