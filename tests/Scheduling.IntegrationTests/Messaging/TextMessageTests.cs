using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Features.Confirmation;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;

namespace Scheduling.IntegrationTests.Messaging;

/// <summary>
/// Text messages end to end on a real SQLite database: the outbox, the composer, the Twilio REST client
/// and the fake gateway on loopback, with a fake clock. (The webhooks and their signatures are tested
/// through the web app, in the web tests; a process killed mid-send in the scale-out tests.)
/// </summary>
public sealed class TextMessageTests : PatientMessagingTests
{
    [Fact]
    public async Task ABooking_SendsOneTextPerMessage_ThroughTheGateway_EachExactlyOnce_WithTheLinkAndNothingClinical()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc, mobile: TestTexts.EnglishPatientMobile);

        await DispatchQueuedAsync();
        await DispatchEveryRowAgainAsync();
        var request = Assert.Single(await Gateway.WaitForTextsAsync(1));
        Assert.Equal(TestTexts.EnglishPatientMobile, request.To);
        Assert.Equal(TestTexts.ClinicNumber, request.From);
        foreach (var expected in new[] { "Hi Maria", "Tuesday, March 17", "9:30 AM", "7:30 AM", "Main Hospital, 2nd floor", "Reply STOP to end texts." })
        {
            Assert.Contains(expected, request.Body, StringComparison.Ordinal);
        }

        foreach (var clinical in new[] { TestData.Diagnosis, TestData.Icd10, "carcinoma", "Garcia", "tumor", "chemo", "liver", "contrast" })
        {
            Assert.DoesNotContain(clinical, request.Body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal($"https://localhost:5001/sms/status/{(await RowAsync(booked, MessageKinds.PatientBookedText)).Id:N}", request.StatusCallback);
        var page = await SendAsync(new ViewPatientAppointment.Query(Token(request.Body)));
        Assert.True(page.IsSuccess, "The text's link does not open the appointment.");

        // The reminders fall due; the sweeper sends each once, however often it runs.
        foreach (var due in new[] { ProcedureUtc.AddHours(-72), ProcedureUtc.AddHours(-24) })
        {
            App.Clock.SetUtcNow(due);
            await SweepAndDispatchAsync();
            await SweepAndDispatchAsync();
        }

        await TestData.RescheduleAsync(App.Services, booked, ProcedureUtc.AddDays(1));
        await DispatchQueuedAsync();
        await SendAsync(new CancelAppointment.Command(await TestData.IssueLinkAsync(App.Services, booked.BookingId), null));
        await DispatchQueuedAsync();
        await DispatchEveryRowAgainAsync();

        var texts = await Gateway.WaitForTextsAsync(5);
        Assert.Equal(5, texts.Count);
        var rows = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.SubjectId == booked.BookingId && m.Channel == MessageChannel.Sms && m.Status == OutboxStatus.Sent)
            .ToDictionaryAsync(m => m.SentMessageId!, m => m.Kind));
        Assert.Equal(5, rows.Count);
        Assert.Equal(
            [MessageKinds.PatientBookedText, PatientReminders.TextKindFor(TimeSpan.FromHours(72)), PatientReminders.TextKindFor(TimeSpan.FromHours(24)), MessageKinds.PatientRescheduledText, MessageKinds.PatientCancelledText],
            texts.Select(t => rows[t.Sid]));
        Assert.Contains("has changed", texts[3].Body, StringComparison.Ordinal);
        Assert.Contains("Wednesday, March 18", texts[3].Body, StringComparison.Ordinal);
        Assert.Contains("is cancelled", texts[4].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("/p/", texts[4].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATextDueAtElevenAtNight_IsSentAtEightInTheMorning_WhileTheEmailGoesAtOnce()
    {
        // Tuesday 3 March 2026, 23:00 in New York (EST) is 04:00 UTC on the 4th.
        var elevenPm = new DateTimeOffset(2026, 3, 4, 4, 0, 0, TimeSpan.Zero);
        App.Clock.SetUtcNow(elevenPm);
        var clinicTime = App.Services.GetRequiredService<ClinicTime>();
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc, mobile: TestTexts.EnglishPatientMobile);

        await DispatchQueuedAsync();
        Assert.Single(await Smtp.WaitForAsync(2), m => m.To.Mailboxes.Single().Address == booked.PatientEmail);
        var held = await RowAsync(booked, MessageKinds.PatientBookedText);
        Assert.Equal(new DateTime(2026, 3, 4, 8, 0, 0), clinicTime.ToLocal(held.NextAttemptAtUtc));

        foreach (var night in new[] { elevenPm.AddMinutes(1), elevenPm.AddHours(8).AddMinutes(59) })
        {
            App.Clock.SetUtcNow(night);
            await SweepAndDispatchAsync();
        }

        Assert.Empty(Gateway.Texts);
        App.Clock.SetUtcNow(elevenPm.AddHours(9));
        await SweepAndDispatchAsync();

        Assert.Single(await Gateway.WaitForTextsAsync(1));
        var sent = await RowAsync(booked, MessageKinds.PatientBookedText);
        Assert.Equal(new DateTime(2026, 3, 4, 8, 0, 0), clinicTime.ToLocal(sent.SentAtUtc!.Value));
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task ATextClaimedInQuietHours_IsPutBackUntilMorning_WithoutUsingAnAttempt()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc, mobile: TestTexts.EnglishPatientMobile);
        var row = await RowAsync(booked, MessageKinds.PatientBookedText);

        // A retry or a late sweep lands at 22:00 (03:00 UTC the next day).
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero));
        var outcome = await DispatchAsync(row.Id);

        Assert.Equal(DispatchOutcome.Postponed, outcome);
        var postponed = await RowAsync(booked, MessageKinds.PatientBookedText);
        Assert.Equal((OutboxStatus.Pending, 0, new DateTime(2026, 3, 3, 13, 0, 0)), (postponed.Status, postponed.Attempts, postponed.NextAttemptAtUtc));
        Assert.Empty(Gateway.Texts);
    }

    [Fact]
    public async Task AStopReply_SkipsTheVeryNextText_AndIsOnTheTimeline_AndStartLetsTheNextOneGo()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc, mobile: TestTexts.EnglishPatientMobile);
        await DispatchQueuedAsync();
        Assert.Single(await Gateway.WaitForTextsAsync(1));

        var answer = await SendAsync(new ReceiveTextReply.Command(TestTexts.EnglishPatientMobile, "Stop"));
        Assert.Contains("no more texts", answer.Value, StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.TextOptOuts.AnyAsync(o => o.PhoneNumber == TestTexts.EnglishPatientMobile)));

        App.Clock.SetUtcNow(ProcedureUtc.AddHours(-72));
        await SweepAndDispatchAsync();
        var skipped = await RowAsync(booked, PatientReminders.TextKindFor(TimeSpan.FromHours(72)));
        Assert.Equal(OutboxStatus.Skipped, skipped.Status);
        Assert.Contains("STOP", skipped.LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(booked, PatientReminders.KindFor(TimeSpan.FromHours(72)))).Status);
        Assert.Single(Gateway.Texts);
        var timeline = await App.WithDbAsync(db => db.ReferralEvents.AsNoTracking().Where(e => e.ReferralId == booked.ReferralId).Select(e => e.Kind).ToListAsync());
        Assert.Contains("TextsStopped", timeline);

        await SendAsync(new ReceiveTextReply.Command(TestTexts.EnglishPatientMobile, "START"));
        App.Clock.SetUtcNow(ProcedureUtc.AddHours(-24));
        await SweepAndDispatchAsync();

        Assert.Equal(2, (await Gateway.WaitForTextsAsync(2)).Count);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(booked, PatientReminders.TextKindFor(TimeSpan.FromHours(24)))).Status);
    }

    [Fact]
    public async Task APatientWhoDidNotAgreeToTexts_GetsTheEmailsAndNoText()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);

        await DispatchQueuedAsync();

        Assert.Equal(OutboxStatus.Skipped, (await RowAsync(booked, MessageKinds.PatientBookedText)).Status);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(booked, MessageKinds.PatientBooked)).Status);
        Assert.Empty(Gateway.Texts);
    }

    [Fact]
    public async Task AProviderOutage_IsRetriedWithBackoff_ThenTheTextFailsForGood_AndIsOnNeedsAttentionAsAText()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc, mobile: TestTexts.EnglishPatientMobile);
        var row = await RowAsync(booked, MessageKinds.PatientBookedText);
        Gateway.FailNext(3);

        Assert.Equal(DispatchOutcome.WillRetry, await DispatchAsync(row.Id));
        App.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(DispatchOutcome.WillRetry, await DispatchAsync(row.Id));
        App.Clock.Advance(TimeSpan.FromSeconds(300));
        Assert.Equal(DispatchOutcome.Failed, await DispatchAsync(row.Id));

        var failed = await RowAsync(booked, MessageKinds.PatientBookedText);
        Assert.Equal((OutboxStatus.Failed, 3), (failed.Status, failed.Attempts));
        Assert.Contains("20500", failed.LastError, StringComparison.Ordinal);
        App.User.SignInAs("scheduler-1", "kim@clinic.test", Application.Common.Security.Roles.Scheduler);
        var attention = await SendAsync(new ListNeedsAttention.Query());
        var listed = Assert.Single(attention.FailedMessages, m => m.Id == row.Id);
        Assert.Equal(MessageChannel.Sms, listed.Channel);

        // Staff retry it once the provider is back: it goes, once.
        Assert.True((await SendAsync(new RetryFailedMessage.Command(row.Id))).IsSuccess);
        await DispatchQueuedAsync();
        Assert.Single(await Gateway.WaitForTextsAsync(1));
    }

    [Fact]
    public async Task ANumberTheProviderHasAsStopped_FailsAtOnce_WithoutRetries_AndIsRecordedAsStopped()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc, mobile: TestTexts.EnglishPatientMobile);
        Gateway.MarkOptedOut(TestTexts.EnglishPatientMobile);

        Assert.Equal(DispatchOutcome.Failed, await DispatchAsync((await RowAsync(booked, MessageKinds.PatientBookedText)).Id));

        Assert.Equal(1, (await RowAsync(booked, MessageKinds.PatientBookedText)).Attempts);
        var optOut = await App.WithDbAsync(db => db.TextOptOuts.AsNoTracking().SingleAsync(o => o.PhoneNumber == TestTexts.EnglishPatientMobile));
        Assert.Equal("PROVIDER", optOut.Keyword);
    }

    /// <summary>A second delivery of every job (Hangfire is at least once): nothing may go out twice.</summary>
    private async Task DispatchEveryRowAgainAsync()
    {
        foreach (var id in await App.WithDbAsync(db => db.OutboxMessages.Select(m => m.Id).ToListAsync()))
        {
            await DispatchAsync(id);
        }
    }

    /// <summary>The outbox row of a kind for the booking's latest version.</summary>
    private Task<OutboxMessage> RowAsync(BookedAppointment booked, string kind) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.SubjectId == booked.BookingId && m.Kind == kind)
            .OrderByDescending(m => m.SubjectVersion)
            .FirstAsync());

    private static string Token(string body) =>
        System.Text.RegularExpressions.Regex.Match(body, @"https://localhost:5001/p/([A-Za-z0-9_\-]+)") is { Success: true } m
            ? m.Groups[1].Value
            : throw new Xunit.Sdk.XunitException("No appointment link in the text.");
}
