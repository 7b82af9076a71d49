using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Messaging;
using Scheduling.Application.Features.Queue;
using Scheduling.Application.Features.Referrals;
using Scheduling.Application.Features.Review;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// Referral intake, review and the scheduling queue against a real database, run on SQLite and on
/// SQL Server by the provider test projects.
/// </summary>
public abstract class ReferralsContract(DatabaseFixture fixture) : AppContract(fixture)
{
    private DateOnly Today => ClinicTime.Today(App.Clock);

    [Fact]
    public async Task Submit_EligibleQuestionnaire_IsEligibleAndReadyToScheduleWithTheCriteriaVersion()
    {
        await SignInNewDoctorAsync();

        var result = await App.SendAsync(new SubmitReferral.Command(null, TestData.Details(), TestData.EligibleQuestionnaire(Today)));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.Equal(EligibilityOutcome.Eligible, result.Value.Outcome);
        Assert.Empty(result.Value.Findings);
        var stored = await LoadAsync(result.Value.ReferralId);
        Assert.Equal(ReferralStatus.ReadyToSchedule, stored.Status);
        Assert.Equal(EligibilityOutcome.Eligible, stored.Outcome);
        Assert.Equal("1", stored.CriteriaVersion);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, stored.ReadyToScheduleSinceUtc);
        Assert.Equal(Today.AddDays(-3), stored.LabsDrawnOn);
        Assert.Equal(TestData.EligibleQuestionnaire(Today), QuestionnaireInput.FromJson(stored.QuestionnaireJson));
        var view = await App.SendAsync(new GetReferral.Query(result.Value.ReferralId));
        Assert.Equal(["Submitted", "Assessed"], view.Value.Timeline.Select(e => e.Kind));
    }

    [Fact]
    public async Task Submit_WithBilirubin24AndEcog1_NeedsReviewWithOneReasonForEachNamingTheValue()
    {
        await SignInNewDoctorAsync();

        var result = await App.SendAsync(new SubmitReferral.Command(null, TestData.Details(), TestData.BilirubinAndEcogNeedReview(Today)));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.Equal(EligibilityOutcome.NeedsReview, result.Value.Outcome);
        Assert.Collection(
            result.Value.Findings,
            f => Assert.Equal((4, FindingLevel.Review, true), (f.Criterion, f.Level, f.Reason.Contains("ECOG performance status 1", StringComparison.Ordinal))),
            f => Assert.Equal((5, FindingLevel.Review, true), (f.Criterion, f.Level, f.Reason.Contains("Total bilirubin 2.4 mg/dL", StringComparison.Ordinal))));
        var stored = await LoadAsync(result.Value.ReferralId);
        Assert.Equal(ReferralStatus.AwaitingReview, stored.Status);
        Assert.Equal(2, FindingView.FromJson(stored.FindingsJson).Count);
    }

    [Fact]
    public async Task Submit_WithMainPortalVeinThrombosis_IsIneligibleAndAwaitsReview()
    {
        await SignInNewDoctorAsync();

        var result = await App.SendAsync(new SubmitReferral.Command(null, TestData.Details(), TestData.MainPortalVeinThrombosis(Today)));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.Equal(EligibilityOutcome.Ineligible, result.Value.Outcome);
        var finding = Assert.Single(result.Value.Findings);
        Assert.Equal((10, FindingLevel.Ineligible), (finding.Criterion, finding.Level));
        Assert.Equal(ReferralStatus.AwaitingReview, (await LoadAsync(result.Value.ReferralId)).Status);
    }

    [Fact]
    public async Task SaveDraft_WithHalfTheQuestionnaire_KeepsItAndSubmittingTheDraftLaterWorks()
    {
        await SignInNewDoctorAsync();
        var partial = new QuestionnaireInput { Diagnosis = PrimaryDiagnosis.Hcc, BilirubinMgDl = 1.2m };

        var saved = await App.SendAsync(new SaveDraft.Command(null, TestData.Details(), partial));

        Assert.True(saved.IsSuccess, Describe(saved.Error));
        var view = await App.SendAsync(new GetReferral.Query(saved.Value));
        Assert.Equal(ReferralStatus.Draft, view.Value.Status);
        Assert.Equal(partial, view.Value.Questionnaire);
        Assert.True(view.Value.CanEdit);

        var submitted = await App.SendAsync(new SubmitReferral.Command(saved.Value, TestData.Details(), TestData.EligibleQuestionnaire(Today)));

        Assert.True(submitted.IsSuccess, Describe(submitted.Error));
        Assert.Equal(saved.Value, submitted.Value.ReferralId);
        Assert.Equal(1, await App.WithDbAsync(db => db.Referrals.CountAsync(r => r.Id == saved.Value)));
    }

    [Fact]
    public async Task Submit_WithIncompleteQuestionnaire_NamesEachMissingAnswerAndWritesNothing()
    {
        await SignInNewDoctorAsync();
        var before = await CountsAsync();
        var incomplete = TestData.EligibleQuestionnaire(Today) with { PortalVein = null, OnDialysis = null, LabsDrawnOn = null };

        var result = await App.SendAsync(new SubmitReferral.Command(null, TestData.Details(), incomplete));

        AssertFieldErrors(result.Error, "Questionnaire.PortalVein", "Questionnaire.OnDialysis", "Questionnaire.LabsDrawnOn");
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "future date of birth", "Details.PatientDateOfBirth" },
        { "invalid email", "Details.PatientEmail" },
        { "bilirubin -1", "Questionnaire.BilirubinMgDl" },
        { "bilirubin 400", "Questionnaire.BilirubinMgDl" },
        { "platelets 0", "Questionnaire.Platelets" },
        { "ECOG 5", "Questionnaire.Ecog" },
        { "tumour burden 101 %", "Questionnaire.TumourBurdenPercent" },
        { "labs drawn tomorrow", "Questionnaire.LabsDrawnOn" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task SaveAndSubmit_WithImplausibleInput_ReturnAFieldErrorAndWriteNothing(string input, string field)
    {
        await SignInNewDoctorAsync();
        var details = TestData.Details();
        var questionnaire = TestData.EligibleQuestionnaire(Today);
        switch (input)
        {
            case "future date of birth": details = details with { PatientDateOfBirth = Today.AddDays(1) }; break;
            case "invalid email": details = details with { PatientEmail = "ada.okafor@" }; break;
            case "bilirubin -1": questionnaire = questionnaire with { BilirubinMgDl = -1m }; break;
            case "bilirubin 400": questionnaire = questionnaire with { BilirubinMgDl = 400m }; break;
            case "platelets 0": questionnaire = questionnaire with { Platelets = 0m }; break;
            case "ECOG 5": questionnaire = questionnaire with { Ecog = 5 }; break;
            case "tumour burden 101 %": questionnaire = questionnaire with { TumourBurdenPercent = 101m }; break;
            case "labs drawn tomorrow": questionnaire = questionnaire with { LabsDrawnOn = Today.AddDays(1) }; break;
        }

        var before = await CountsAsync();

        AssertFieldErrors((await App.SendAsync(new SaveDraft.Command(null, details, questionnaire))).Error, field);
        AssertFieldErrors((await App.SendAsync(new SubmitReferral.Command(null, details, questionnaire))).Error, field);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task GetReferral_ByAnotherDoctor_IsNotFoundAndByStaff_IsShownAndEveryViewIsAudited()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.EligibleQuestionnaire(Today));
        await SignInNewDoctorAsync();

        var other = await App.SendAsync(new GetReferral.Query(id));
        var guessed = await App.SendAsync(new GetReferral.Query(Guid.CreateVersion7()));

        Assert.Equal(ErrorKind.NotFound, other.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, guessed.Error?.Kind);
        foreach (var role in new[] { Roles.Scheduler, Roles.Radiologist, Roles.Admin })
        {
            App.User.SignInAs($"staff-{role}", $"{role}@clinic.test", role);
            var seen = await App.SendAsync(new GetReferral.Query(id));
            Assert.True(seen.IsSuccess, Describe(seen.Error));
            Assert.False(seen.Value.CanWithdraw);
        }

        var views = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "Viewed" && e.EntityType == nameof(Referral) && e.EntityId == id.ToString())
            .Select(e => e.UserId).ToListAsync());
        Assert.Equal([$"staff-{Roles.Scheduler}", $"staff-{Roles.Radiologist}", $"staff-{Roles.Admin}"], views);
    }

    [Fact]
    public async Task ListMyReferrals_ShowsOnlyTheDoctorsOwnNewestFirst()
    {
        await SubmitAsNewDoctorAsync(TestData.EligibleQuestionnaire(Today));
        var doctor = await SignInNewDoctorAsync();
        var first = await App.SendAsync(new SaveDraft.Command(null, TestData.Details("First"), new QuestionnaireInput()));
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await App.SendAsync(new SubmitReferral.Command(null, TestData.Details("Second"), TestData.EligibleQuestionnaire(Today)));

        var rows = (await App.SendAsync(new ListMyReferrals.Query())).Value;

        Assert.Equal([second.Value.ReferralId, first.Value], rows.Select(r => r.Id));
        Assert.Equal([ReferralStatus.ReadyToSchedule, ReferralStatus.Draft], rows.Select(r => r.Status));
        Assert.NotNull(doctor);
    }

    [Fact]
    public async Task Withdraw_WithAReason_WithdrawsAndWithoutOne_IsRefused()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));

        var refused = await App.SendAsync(new WithdrawReferral.Command(id, "  "));
        AssertFieldErrors(refused.Error, nameof(WithdrawReferral.Command.Reason));
        Assert.Equal(ReferralStatus.AwaitingReview, (await LoadAsync(id)).Status);

        var result = await App.SendAsync(new WithdrawReferral.Command(id, "Patient chose systemic therapy."));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var stored = await LoadAsync(id);
        Assert.Equal(ReferralStatus.Withdrawn, stored.Status);
        Assert.Contains(stored.Events, e => e.Kind == "Withdrawn" && e.Text.Contains("systemic therapy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Withdraw_OnceScheduled_IsAConflictAndChangesNothing()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.EligibleQuestionnaire(Today));
        await App.WithDbAsync(async db =>
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == id);
            referral.MarkScheduled("Booked for Tuesday 09:30.", App.Clock.GetUtcNow().UtcDateTime, "Sam Scheduler");
            await db.SaveChangesAsync();
        });

        var result = await App.SendAsync(new WithdrawReferral.Command(id, "Changed my mind."));

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal(ReferralStatus.Scheduled, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Withdraw_AnotherDoctorsReferral_IsNotFound()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.EligibleQuestionnaire(Today));
        await SignInNewDoctorAsync();

        var result = await App.SendAsync(new WithdrawReferral.Command(id, "Not mine."));

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal(ReferralStatus.ReadyToSchedule, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Review_Approve_PutsANeedsReviewReferralInTheQueueWithWhoWhenAndWhyOnTheTimeline()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        await SignInRadiologistAsync();
        App.Clock.Advance(TimeSpan.FromHours(2));

        var result = await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Approve, "Bilirubin acceptable for segmental TACE."));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var stored = await LoadAsync(id);
        Assert.Equal(ReferralStatus.ReadyToSchedule, stored.Status);
        Assert.Equal("Dr. Riley Radiologist", stored.DecidedBy);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, stored.DecidedAtUtc);
        var approved = Assert.Single(stored.Events, e => e.Kind == "Approved");
        Assert.Equal("Dr. Riley Radiologist", approved.Actor);
        Assert.Contains("segmental TACE", approved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_ApproveWithoutNote_IsAllowed()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        await SignInRadiologistAsync();

        var result = await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Approve, null));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.Equal(ReferralStatus.ReadyToSchedule, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Review_Decline_NeedsAReasonAndKeepsIt()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        await SignInRadiologistAsync();

        AssertFieldErrors((await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Decline, " "))).Error, DecideReview.TextField);
        Assert.Equal(ReferralStatus.AwaitingReview, (await LoadAsync(id)).Status);

        var result = await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Decline, "Tumour better treated by radioembolization."));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var stored = await LoadAsync(id);
        Assert.Equal(ReferralStatus.Declined, stored.Status);
        Assert.Equal("Tumour better treated by radioembolization.", stored.DecisionReason);
        Assert.Contains(stored.Events, e => e.Kind == "Declined" && e.Actor == "Dr. Riley Radiologist");
    }

    [Fact]
    public async Task Review_OverrideOfIneligible_NeedsAJustificationAndApproveIsRefused()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.MainPortalVeinThrombosis(Today));
        await SignInRadiologistAsync();

        AssertFieldErrors((await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Override, null))).Error, DecideReview.TextField);
        AssertFieldErrors((await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Approve, "Fine."))).Error, DecideReview.TextField);
        Assert.Equal(ReferralStatus.AwaitingReview, (await LoadAsync(id)).Status);

        var result = await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Override, "Collaterals on CT; selective approach agreed at tumour board."));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var stored = await LoadAsync(id);
        Assert.Equal(ReferralStatus.ReadyToSchedule, stored.Status);
        Assert.Equal(EligibilityOutcome.Ineligible, stored.Outcome);
        Assert.Contains(stored.Events, e => e.Kind == "Overridden" && e.Text.Contains("tumour board", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Review_OverrideOfNeedsReview_IsAConflict()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        await SignInRadiologistAsync();

        var result = await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Override, "Because."));

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
    }

    [Fact]
    public async Task Review_ASecondDecision_IsAConflictAndTheFirstStands()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        await SignInRadiologistAsync();
        await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Approve, null));

        var result = await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Decline, "Too late."));

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal(ReferralStatus.ReadyToSchedule, (await LoadAsync(id)).Status);
    }

    [Theory]
    [InlineData(Roles.ReferringPhysician)]
    [InlineData(Roles.Scheduler)]
    public async Task Review_ByAnyoneButARadiologist_IsNotFound(string role)
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        App.User.SignInAs("someone", "someone@clinic.test", role);

        var result = await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Approve, null));

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal(ReferralStatus.AwaitingReview, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task ReviewQueue_ListsAwaitingReviewUrgentFirstThenOldestWithReasons()
    {
        var routineOld = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today), urgency: Urgency.Routine);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var urgentNew = await SubmitAsNewDoctorAsync(TestData.MainPortalVeinThrombosis(Today), urgency: Urgency.Urgent);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var routineNew = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today), urgency: Urgency.Routine);
        var eligible = await SubmitAsNewDoctorAsync(TestData.EligibleQuestionnaire(Today));
        await SignInRadiologistAsync();

        var first = (await App.SendAsync(new ListReviewQueue.Query())).Value;
        var rows = first.Rows.ToList();
        for (var page = 2; page <= first.Position.LastPage; page++)
        {
            rows.AddRange((await App.SendAsync(new ListReviewQueue.Query(page))).Value.Rows);
        }

        Assert.Equal(first.Position.Total, rows.Count);

        var mine = rows.Where(r => r.Id == routineOld || r.Id == urgentNew || r.Id == routineNew).Select(r => r.Id).ToList();
        Assert.Equal([urgentNew, routineOld, routineNew], mine);
        Assert.DoesNotContain(rows, r => r.Id == eligible);
        Assert.Equal(2, rows.Single(r => r.Id == routineOld).Findings.Count);
        Assert.Equal(EligibilityOutcome.Ineligible, rows.Single(r => r.Id == urgentNew).Outcome);
    }

    [Fact]
    public async Task SchedulingQueue_ShowsApprovedReferralsUrgentFirstWithDaysWaitingAndFlags()
    {
        var approved = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today) with { Ascites = Ascites.Mild, LabsDrawnOn = Today.AddDays(-20) });
        await SignInRadiologistAsync();
        await App.SendAsync(new DecideReview.Command(approved, ReviewDecision.Approve, null));
        App.Clock.Advance(TimeSpan.FromDays(2));
        var urgent = await SubmitAsNewDoctorAsync(TestData.EligibleQuestionnaire(Today), urgency: Urgency.Urgent);
        var declined = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        await SignInRadiologistAsync();
        await App.SendAsync(new DecideReview.Command(declined, ReviewDecision.Decline, "No."));
        App.User.SignInAs("sched-1", "scheduler@clinic.test", Roles.Scheduler);

        var queue = (await App.SendAsync(new ListReadyToSchedule.Query())).Value;
        var rows = queue.Rows.ToList();
        for (var page = 2; page <= queue.Position.LastPage; page++)
        {
            rows.AddRange((await App.SendAsync(new ListReadyToSchedule.Query(page))).Value.Rows);
        }

        var mine = rows.Where(r => r.Id == approved || r.Id == urgent).ToList();
        Assert.Equal([urgent, approved], mine.Select(r => r.Id));
        Assert.DoesNotContain(rows, r => r.Id == declined);
        var row = mine.Single(r => r.Id == approved);
        Assert.Equal(2, row.DaysWaiting);
        Assert.True(row.OvernightBedLikely);
        Assert.True(row.LabsMustBeRepeated);
        Assert.False(row.ImagingMustBeRepeated);
        var fresh = mine.Single(r => r.Id == urgent);
        Assert.Equal(0, fresh.DaysWaiting);
        Assert.False(fresh.LabsMustBeRepeated);
        Assert.False(fresh.OvernightBedLikely);
    }

    [Fact]
    public async Task SchedulingQueue_ForADoctor_IsNotFound()
    {
        await SignInNewDoctorAsync();

        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new ListReadyToSchedule.Query())).Error?.Kind);
    }

    [Fact]
    public async Task Attachments_APdfIsStoredAndDownloadableByOwnerAndStaffButNotAnotherDoctorAndDownloadsAreAudited()
    {
        var doctor = await SignInNewDoctorAsync();
        var draft = (await App.SendAsync(new SaveDraft.Command(null, TestData.Details(), new QuestionnaireInput()))).Value;
        var pdf = TestData.PdfBytes();

        var added = await App.SendAsync(new AddAttachment.Command(draft, "../../CT report.pdf", pdf.Length, pdf));

        Assert.True(added.IsSuccess, Describe(added.Error));
        var own = await App.SendAsync(new DownloadAttachment.Query(draft, added.Value));
        Assert.Equal(("CT report.pdf", "application/pdf"), (own.Value.FileName, own.Value.ContentType));
        Assert.Equal(pdf, own.Value.Content);

        await SignInNewDoctorAsync();
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new DownloadAttachment.Query(draft, added.Value))).Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new RemoveAttachment.Command(draft, added.Value))).Error?.Kind);

        App.User.SignInAs("sched-1", "scheduler@clinic.test", Roles.Scheduler);
        Assert.True((await App.SendAsync(new DownloadAttachment.Query(draft, added.Value))).IsSuccess);

        var downloads = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "Downloaded" && e.EntityId == added.Value.ToString()).Select(e => e.UserId).ToListAsync());
        Assert.Equal([doctor, "sched-1"], downloads);
    }

    public static TheoryData<string> RefusedFiles => new() { "exe renamed .pdf", "50 MB", "empty" };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task Attachments_NotAPdfJpegOrPngOrTooLarge_AreRefusedOnTheFileFieldAndNothingIsSaved(string file)
    {
        await SignInNewDoctorAsync();
        var draft = (await App.SendAsync(new SaveDraft.Command(null, TestData.Details(), new QuestionnaireInput()))).Value;
        var command = file switch
        {
            "exe renamed .pdf" => new AddAttachment.Command(draft, "report.pdf", 2048, TestData.ExeBytes()),
            "50 MB" => new AddAttachment.Command(draft, "scan.pdf", 50L * 1024 * 1024, null),
            _ => new AddAttachment.Command(draft, "nothing.pdf", 0, []),
        };
        var before = await App.WithDbAsync(db => db.ReferralAttachments.CountAsync());

        var result = await App.SendAsync(command);

        AssertFieldErrors(result.Error, AddAttachment.FileField);
        Assert.Equal(before, await App.WithDbAsync(db => db.ReferralAttachments.CountAsync()));
    }

    [Fact]
    public async Task Attachments_ASixthFile_IsRefused()
    {
        await SignInNewDoctorAsync();
        var draft = (await App.SendAsync(new SaveDraft.Command(null, TestData.Details(), new QuestionnaireInput()))).Value;
        var png = TestData.PngBytes();
        for (var i = 0; i < ReferralAttachment.MaxPerReferral; i++)
        {
            Assert.True((await App.SendAsync(new AddAttachment.Command(draft, $"image{i}.png", png.Length, png))).IsSuccess);
        }

        var result = await App.SendAsync(new AddAttachment.Command(draft, "one-too-many.png", png.Length, png));

        AssertFieldErrors(result.Error, AddAttachment.FileField);
        Assert.Equal(ReferralAttachment.MaxPerReferral, await App.WithDbAsync(db => db.ReferralAttachments.CountAsync(a => a.ReferralId == draft)));
    }

    [Fact]
    public async Task Attachments_CanBeRemovedFromADraftButNotAfterSubmission()
    {
        await SignInNewDoctorAsync();
        var draft = (await App.SendAsync(new SaveDraft.Command(null, TestData.Details(), new QuestionnaireInput()))).Value;
        var pdf = TestData.PdfBytes();
        var first = (await App.SendAsync(new AddAttachment.Command(draft, "a.pdf", pdf.Length, pdf))).Value;
        var second = (await App.SendAsync(new AddAttachment.Command(draft, "b.pdf", pdf.Length, pdf))).Value;

        Assert.True((await App.SendAsync(new RemoveAttachment.Command(draft, first))).IsSuccess);
        await App.SendAsync(new SubmitReferral.Command(draft, TestData.Details(), TestData.EligibleQuestionnaire(Today)));
        var afterSubmit = await App.SendAsync(new RemoveAttachment.Command(draft, second));

        Assert.Equal(ErrorKind.Conflict, afterSubmit.Error?.Kind);
        Assert.Equal([second], await App.WithDbAsync(db => db.ReferralAttachments.Where(a => a.ReferralId == draft).Select(a => a.Id).ToListAsync()));
    }

    [Fact]
    public async Task NewReferralDefaults_ArePrefilledFromTheDoctorsProfile()
    {
        await SignInNewDoctorAsync(practice: "Lakeside Liver Center");

        var defaults = (await App.SendAsync(new GetNewReferralDefaults.Query())).Value;

        Assert.Equal("Lakeside Liver Center", defaults.PracticeName);
        Assert.Contains("555-0199", defaults.PracticeContact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_RequestInformation_NeedsAMessage_AndQueuesAnEmailToTheDoctorWithTheMessageReferenceAndLinkButNoDiagnosis()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        await SignInRadiologistAsync();

        AssertFieldErrors((await App.SendAsync(new DecideReview.Command(id, ReviewDecision.RequestInformation, "  "))).Error, DecideReview.TextField);
        Assert.Equal(ReferralStatus.AwaitingReview, (await LoadAsync(id)).Status);

        var result = await App.SendAsync(new DecideReview.Command(id, ReviewDecision.RequestInformation, "Please send bilirubin from this week."));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var stored = await LoadAsync(id);
        Assert.Equal(ReferralStatus.InformationRequested, stored.Status);
        Assert.Contains(stored.Events, e => e.Kind == "InformationRequested" && e.Actor == "Dr. Riley Radiologist" && e.Text.Contains("bilirubin from this week", StringComparison.Ordinal));
        var email = await ComposeReviewEmailAsync(id, MessageKinds.DoctorInformationRequested);
        Assert.NotNull(email);
        Assert.Equal(await DoctorEmailAsync(stored), email.ToAddress);
        Assert.Contains(ReferralReference.For(id), email.Subject, StringComparison.Ordinal);
        Assert.Contains("Please send bilirubin from this week.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/referrals/{id}", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Hepatocellular", email.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("C22.0", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Okafor", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resubmit_AfterAnInformationRequest_IsAssessedWithTheCurrentCriteria_AndTheTimelineKeepsBothAssessments()
    {
        var doctor = await SignInNewDoctorAsync();
        var submitted = await App.SendAsync(new SubmitReferral.Command(null, TestData.Details(), TestData.BilirubinAndEcogNeedReview(Today)));
        var id = submitted.Value.ReferralId;
        await SignInRadiologistAsync();
        await App.SendAsync(new DecideReview.Command(id, ReviewDecision.RequestInformation, "Repeat bilirubin and ECOG."));
        App.Clock.Advance(TimeSpan.FromDays(1));

        // The clinic has since changed its criteria: the resubmission is judged by the version in force now.
        await using var updatedClinic = await TestApp.StartAsync(Fixture.Database, TestContext.Current.CancellationToken,
            new Dictionary<string, string?> { ["Eligibility:Version"] = "2" });
        updatedClinic.Clock.SetUtcNow(App.Clock.GetUtcNow());
        updatedClinic.User.SignInAs(doctor, $"{doctor}@clinic.test", Roles.ReferringPhysician);
        var edit = await updatedClinic.SendAsync(new GetReferral.Query(id));
        Assert.True(edit.Value.CanEdit);
        var newer = edit.Value.Questionnaire with { BilirubinMgDl = 1.1m, Ecog = 0, LabsDrawnOn = Today };

        var result = await updatedClinic.SendAsync(new SubmitReferral.Command(id, edit.Value.Details, newer));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.True(result.Value.Resubmitted);
        Assert.Equal(EligibilityOutcome.Eligible, result.Value.Outcome);
        var stored = await LoadAsync(id);
        Assert.Equal(ReferralStatus.ReadyToSchedule, stored.Status);
        Assert.Equal("2", stored.CriteriaVersion);
        Assert.Equal(Today, stored.LabsDrawnOn);
        var timeline = (await updatedClinic.SendAsync(new GetReferral.Query(id))).Value.Timeline;
        Assert.Equal(["Submitted", "Assessed", "InformationRequested", "Resubmitted", "Assessed"], timeline.Select(e => e.Kind));
        var assessments = timeline.Where(e => e.Kind == "Assessed").Select(e => e.Text).ToList();
        Assert.Contains("needs review", assessments[0], StringComparison.Ordinal);
        Assert.Contains("Total bilirubin 2.4 mg/dL", assessments[0], StringComparison.Ordinal);
        Assert.Contains("Criteria version 1", assessments[0], StringComparison.Ordinal);
        Assert.Contains("eligible", assessments[1], StringComparison.Ordinal);
        Assert.Contains("Criteria version 2", assessments[1], StringComparison.Ordinal);
        Assert.Null(await ComposeReviewEmailAsync(id, MessageKinds.DoctorInformationRequested));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Referral) && a.EntityId == id.ToString() && a.Action == "Updated")),
            "The resubmission left no audit entry.");
    }

    [Fact]
    public async Task Update_OfAReferralWaitingToBeScheduled_TakesNewLabAndImagingDates_AndOnceBookedIsAConflict()
    {
        var doctor = await SignInNewDoctorAsync();
        var id = (await App.SendAsync(new SubmitReferral.Command(null, TestData.Details(), TestData.EligibleQuestionnaire(Today)))).Value.ReferralId;
        var since = (await LoadAsync(id)).ReadyToScheduleSinceUtc;
        App.Clock.Advance(TimeSpan.FromDays(2));

        var updated = await App.SendAsync(new SubmitReferral.Command(id, TestData.Details(),
            TestData.EligibleQuestionnaire(Today) with { LabsDrawnOn = Today, ImagingDoneOn = Today.AddDays(-1) }));

        Assert.True(updated.IsSuccess, Describe(updated.Error));
        var stored = await LoadAsync(id);
        Assert.Equal(ReferralStatus.ReadyToSchedule, stored.Status);
        Assert.Equal(since, stored.ReadyToScheduleSinceUtc);
        Assert.Equal((Today, Today.AddDays(-1)), (stored.LabsDrawnOn!.Value, stored.ImagingDoneOn!.Value));
        Assert.Contains(stored.Events, e => e.Kind == "Updated");
        Assert.Equal(2, stored.Events.Count(e => e.Kind == "Assessed"));

        await App.WithDbAsync(async db =>
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == id);
            referral.MarkScheduled("Booked.", App.Clock.GetUtcNow().UtcDateTime, "scheduler");
            await db.SaveChangesAsync();
        });
        App.User.SignInAs(doctor, $"{doctor}@clinic.test", Roles.ReferringPhysician);
        var late = await App.SendAsync(new SubmitReferral.Command(id, TestData.Details(), TestData.EligibleQuestionnaire(Today)));
        Assert.Equal(ErrorKind.Conflict, late.Error?.Kind);
        Assert.Equal(2, (await LoadAsync(id)).Events.Count(e => e.Kind == "Assessed"));
    }

    [Fact]
    public async Task Update_OfAnotherDoctorsSubmittedReferral_IsNotFound()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.EligibleQuestionnaire(Today));
        await SignInNewDoctorAsync();

        var result = await App.SendAsync(new SubmitReferral.Command(id, TestData.Details(), TestData.EligibleQuestionnaire(Today)));

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }

    [Theory]
    [InlineData(ReviewDecision.Approve, "Fine for a segmental approach.", "approved")]
    [InlineData(ReviewDecision.Decline, "Better treated by radioembolization.", "declined")]
    public async Task Review_ApproveAndDecline_EmailTheDoctorWithTheNoteOrReason(ReviewDecision decision, string text, string word)
    {
        var id = await SubmitAsNewDoctorAsync(TestData.BilirubinAndEcogNeedReview(Today));
        await SignInRadiologistAsync();

        Assert.True((await App.SendAsync(new DecideReview.Command(id, decision, text))).IsSuccess);

        var email = await ComposeReviewEmailAsync(id, ReviewMessageComposer.KindFor(decision));
        Assert.NotNull(email);
        Assert.Contains(word, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(text, email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Hepatocellular", email.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Review_Override_EmailsTheDoctorWithTheJustification()
    {
        var id = await SubmitAsNewDoctorAsync(TestData.MainPortalVeinThrombosis(Today));
        await SignInRadiologistAsync();

        Assert.True((await App.SendAsync(new DecideReview.Command(id, ReviewDecision.Override, "Tumour board: selective approach."))).IsSuccess);

        var email = await ComposeReviewEmailAsync(id, MessageKinds.DoctorReviewOverridden);
        Assert.NotNull(email);
        Assert.Contains("Tumour board: selective approach.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(ReferralReference.For(id), email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveDraft_WithOnlyTheNameAndDateOfBirth_IsSaved_AndSubmittingItNamesEveryMissingDetail()
    {
        await SignInNewDoctorAsync();
        var details = new ReferralDetailsInput { PatientFirstName = "Ada", PatientLastName = "Okafor", PatientDateOfBirth = new DateOnly(1958, 4, 12) };

        var saved = await App.SendAsync(new SaveDraft.Command(null, details, new QuestionnaireInput()));

        Assert.True(saved.IsSuccess, Describe(saved.Error));
        var view = (await App.SendAsync(new GetReferral.Query(saved.Value))).Value;
        Assert.Equal(ReferralStatus.Draft, view.Status);
        Assert.Null(view.Details.PatientSex);
        Assert.Null(view.Details.Urgency);
        Assert.Null(view.Details.PatientEmail);

        AssertFieldErrors((await App.SendAsync(new SaveDraft.Command(null, details with { PatientLastName = " " }, new QuestionnaireInput()))).Error, "Details.PatientLastName");
        AssertFieldErrors((await App.SendAsync(new SaveDraft.Command(null, details with { PatientEmail = "not-an-email" }, new QuestionnaireInput()))).Error, "Details.PatientEmail");
        var submit = await App.SendAsync(new SubmitReferral.Command(saved.Value, details, TestData.EligibleQuestionnaire(Today)));
        AssertFieldErrors(submit.Error, "Details.PatientSex", "Details.PatientPhone", "Details.PatientEmail", "Details.Urgency", "Details.Diagnosis", "Details.Icd10Code");
        Assert.Equal(ReferralStatus.Draft, (await LoadAsync(saved.Value)).Status);
    }

    /// <summary>The email the outbox would send for this referral's review message, composed from the current records; null when it is skipped.</summary>
    private async Task<Application.Features.Messaging.EmailMessage?> ComposeReviewEmailAsync(Guid referralId, string kind)
    {
        var message = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.SubjectId == referralId && m.Kind == kind));
        var composed = await App.WithServiceAsync<IEnumerable<Application.Features.Messaging.IOutboxMessageComposer>, Application.Features.Messaging.ComposeResult>(
            composers => composers.OfType<ReviewMessageComposer>().Single().ComposeAsync(message, new Application.Features.Messaging.ComposeContext("test-message", "test-link-token"), CancellationToken.None));
        return composed.Email;
    }

    private Task<string?> DoctorEmailAsync(Referral referral) =>
        App.WithDbAsync(db => db.Users.Where(u => u.Id == referral.DoctorUserId).Select(u => u.Email).SingleAsync());

    private async Task<string> SignInNewDoctorAsync(string practice = "Riverside Oncology")
    {
        var id = await CreateUserAsync("Dr. Test Doctor", practice);
        App.User.SignInAs(id, $"{id}@clinic.test", Roles.ReferringPhysician);
        return id;
    }

    private async Task SignInRadiologistAsync()
    {
        const string id = "radiologist-contract";
        if (!await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id)))
        {
            await App.WithDbAsync(async db =>
            {
                db.Users.Add(new ApplicationUser { Id = id, UserName = "riley@clinic.test", Email = "riley@clinic.test", FullName = "Dr. Riley Radiologist" });
                await db.SaveChangesAsync();
            });
        }

        App.User.SignInAs(id, "riley@clinic.test", Roles.Radiologist);
    }

    private async Task<string> CreateUserAsync(string fullName, string? practice)
    {
        var id = $"doctor-{Guid.NewGuid():N}";
        await App.WithDbAsync(async db =>
        {
            db.Users.Add(new ApplicationUser
            {
                Id = id,
                UserName = $"{id}@clinic.test",
                Email = $"{id}@clinic.test",
                FullName = fullName,
                PracticeName = practice,
                PracticePhone = "555-0199",
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    private async Task<Guid> SubmitAsNewDoctorAsync(QuestionnaireInput questionnaire, Urgency urgency = Urgency.Routine)
    {
        await SignInNewDoctorAsync();
        var result = await App.SendAsync(new SubmitReferral.Command(null, TestData.Details(urgency: urgency), questionnaire));
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value.ReferralId;
    }

    private Task<Referral> LoadAsync(Guid id) =>
        App.WithDbAsync(db => db.Referrals.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == id));

    private Task<(int Referrals, int Events, int Attachments)> CountsAsync() =>
        App.WithDbAsync(async db => (await db.Referrals.CountAsync(), await db.ReferralEvents.CountAsync(), await db.ReferralAttachments.CountAsync()));

    private static void AssertFieldErrors(Error? error, params string[] fields)
    {
        Assert.NotNull(error);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        foreach (var field in fields)
        {
            Assert.True(error.FieldErrors.TryGetValue(field, out var messages) && messages.Length > 0, $"Expected an error on {field}; got {Describe(error)}");
        }
    }

    private static string Describe(Error? error) => error is null
        ? "no error"
        : $"{error.Kind}: {error.Message} [{string.Join("; ", error.FieldErrors.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"))}]";
}
