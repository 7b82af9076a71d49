using System.Collections.Concurrent;
using System.Text.RegularExpressions;

using Ical.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using MimeKit;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Application.Features.Messaging;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// Confirmation emails, the patient link and escalation against a real database, with the app's real
/// composers and MailKit talking SMTP to a loopback server.
/// </summary>
public abstract partial class ConfirmationContract(DatabaseFixture fixture) : AppContract(fixture)
{
    /// <summary>Tuesday 2026-03-17 13:30 UTC is 09:30 in New York (EDT, after the 8 March change).</summary>
    protected static readonly DateTime ProcedureUtc = new(2026, 3, 17, 13, 30, 0, DateTimeKind.Utc);

    /// <summary>The default checklist's three boxes, all ticked.</summary>
    protected static readonly IReadOnlyList<bool> AllTicked = [true, true, true];

    protected static readonly string Reminder72h = PatientReminders.KindFor(TimeSpan.FromHours(72));

    protected static readonly string Reminder24h = PatientReminders.KindFor(TimeSpan.FromHours(24));

    protected override bool UsesSmtp => true;

    [Fact]
    public async Task Booking_SendsExactlyOnePatientEmail_WithACalendarFileAndAWorkingLink_AndNoClinicalDetail()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);

        await DispatchQueuedAsync();

        var received = await Smtp.WaitForAsync(2);
        var mail = Assert.Single(received, m => To(m) == booked.PatientEmail);
        Assert.Single(received, m => To(m) != booked.PatientEmail);

        Assert.Contains("Tuesday, March 17, 2026", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("9:30 AM", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("7:30 AM", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Main Hospital, 2nd floor", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Nothing to eat after midnight", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("premedication", mail.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(mail.HtmlBody);
        Assert.Contains("Dear Maria", mail.HtmlBody, StringComparison.Ordinal);
        foreach (var clinical in new[] { TestData.Diagnosis, TestData.Icd10, "carcinoma", "Prior TACE", "Garcia 1958" })
        {
            Assert.DoesNotContain(clinical, mail.TextBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(clinical, mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(clinical, mail.Subject, StringComparison.OrdinalIgnoreCase);
        }

        var ics = CalendarText(mail);
        var appointment = Assert.Single(Calendar.Load(ics)!.Events);
        Assert.Equal("America/New_York", appointment.Start!.TzId);
        Assert.Equal(new DateTime(2026, 3, 17, 7, 30, 0), appointment.Start.Value); // the arrival, two hours before 9:30
        Assert.Equal($"{booked.BookingId:N}@tace-scheduling.local", appointment.Uid);
        Assert.Equal(1, appointment.Sequence);
        Assert.Equal("TENTATIVE", appointment.Status);
        Assert.Single(appointment.Alarms);
        Assert.DoesNotContain("carcinoma", ics, StringComparison.OrdinalIgnoreCase);

        var token = LinkToken(mail.TextBody);
        Assert.Contains($"href=\"https://localhost:5001/p/{token}\"", mail.HtmlBody, StringComparison.Ordinal);
        var page = await App.SendAsync(new ViewPatientAppointment.Query(token));
        Assert.True(page.IsSuccess);
        Assert.Equal("Maria", page.Value.FirstName);
        Assert.Equal("9:30 AM", page.Value.Time);

        var stored = await App.WithDbAsync(db => db.PatientLinkTokens.AsNoTracking().SingleAsync(t => t.BookingId == booked.BookingId));
        Assert.Equal(1, stored.BookingVersion);
        Assert.Equal(ProcedureUtc, stored.ExpiresAtUtc);
        Assert.Equal(PatientLinkTokens.HashOf(token), stored.TokenHash);
    }

    [Fact]
    public async Task PatientEmail_HasThePremedicationParagraphOnlyWhenItApplies_AndEncodesValuesInHtml()
    {
        // Labs 7 days before the procedure are within the 14-day window; 44 days before are not.
        var plain = await TestData.BookAsync(App.Services, ProcedureUtc, firstName: "Ann", labsDrawnOn: new DateOnly(2026, 3, 10));
        var premedicated = await TestData.BookAsync(App.Services, ProcedureUtc.AddHours(2), firstName: "Bo <b>", premedication: true,
            labsDrawnOn: new DateOnly(2026, 2, 1));

        await DispatchQueuedAsync();

        var received = await Smtp.WaitForAsync(4);
        var withPremedication = Assert.Single(received, m => To(m) == premedicated.PatientEmail);
        Assert.Contains("reaction to X-ray dye", withPremedication.TextBody, StringComparison.Ordinal);
        Assert.Contains("blood tests must be done again", withPremedication.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Bo &lt;b&gt;", withPremedication.HtmlBody, StringComparison.Ordinal);
        var without = Assert.Single(received, m => To(m) == plain.PatientEmail);
        Assert.DoesNotContain("reaction to X-ray dye", without.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("must be done again", without.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientEmail_DescribesTheProcedure_AndOnlyAPatientFlaggedOvernightBedLikelyIsToldAboutTheNightInsteadOfGoingHomeTheSameDay()
    {
        var sameDay = await TestData.BookAsync(App.Services, ProcedureUtc, firstName: "Cy");
        var overnight = await TestData.BookAsync(App.Services, ProcedureUtc.AddHours(2), firstName: "Di", overnightBedLikely: true);
        Assert.True(await App.WithDbAsync(db => db.Referrals.Where(r => r.Id == overnight.ReferralId).Select(r => r.OvernightBedLikely).SingleAsync()));

        await DispatchQueuedAsync();

        var received = await Smtp.WaitForAsync(4);
        foreach (var mail in received.Where(m => To(m) == sameDay.PatientEmail || To(m) == overnight.PatientEmail))
        {
            Assert.Contains("X-ray pictures help guide the tube", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("blood vessels that feed the tumor in your liver", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("numbing shot where the tube goes in", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("about 90 minutes", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("show that the whole tumor was treated", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("responsible adult must drive you home", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(TestData.Diagnosis, mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(TestData.Icd10, mail.TextBody, StringComparison.Ordinal);
        }

        var home = Assert.Single(received, m => To(m) == sameDay.PatientEmail).TextBody;
        Assert.Contains("Most patients go home the same day", home, StringComparison.Ordinal);
        Assert.DoesNotContain("stay one night", home, StringComparison.Ordinal);
        var night = Assert.Single(received, m => To(m) == overnight.PatientEmail).TextBody;
        Assert.Contains("You may stay one night in the hospital", night, StringComparison.Ordinal);
        Assert.Contains("bring what you need for a night", night, StringComparison.Ordinal);
        Assert.DoesNotContain("go home the same day", night, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientPage_TellsTheOvernightVariant_AndAnEditedGoingHomeTextIsWhatPatientsGet()
    {
        var overnight = await TestData.BookAsync(App.Services, ProcedureUtc, firstName: "Ed", overnightBedLikely: true);
        var token = await TestData.IssueLinkAsync(App.Services, overnight.BookingId);

        var page = await App.SendAsync(new ViewPatientAppointment.Query(token));

        Assert.Contains("stay one night", page.Value.GoingHome, StringComparison.Ordinal);
        Assert.Contains("X-ray pictures help guide the tube", page.Value.ProcedureDescription, StringComparison.Ordinal);

        App.User.SignInAs("admin-contract", "admin@clinic.test", Roles.Admin);
        var saved = await App.SendAsync(new SaveMessageTemplate.Command(MessageKinds.GoingHomeOvernight, "Overnight", "Plan for one night with us, bring pyjamas."));
        Assert.True(saved.IsSuccess);
        try
        {
            var edited = await App.SendAsync(new ViewPatientAppointment.Query(token));
            Assert.Equal("Plan for one night with us, bring pyjamas.", edited.Value.GoingHome);
        }
        finally
        {
            await App.SendAsync(new ResetMessageTemplate.Command(MessageKinds.GoingHomeOvernight));
        }
    }

    [Fact]
    public async Task DoctorNotice_GoesToTheReferringDoctor_WithInitialsReferenceAndLink_Only()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);

        await DispatchQueuedAsync();

        var doctorEmail = await App.WithDbAsync(db => db.Users.Where(u => u.Id == booked.DoctorUserId).Select(u => u.Email!).SingleAsync());
        var notice = Assert.Single(await Smtp.WaitForAsync(2), m => To(m) == doctorEmail);
        Assert.Contains("MG", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains(ReferralReference.For(booked.ReferralId), notice.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://localhost:5001/referrals/{booked.ReferralId}", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Garcia", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.Diagnosis, notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningThePage_ConfirmsNothing_ConfirmingWithTheChecklist_ConfirmsOnce()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);
        var token = await TestData.IssueLinkAsync(App.Services, booked.BookingId);

        Assert.True((await App.SendAsync(new ViewPatientAppointment.Query(token))).IsSuccess);
        Assert.True((await App.SendAsync(new ViewPatientAppointment.Query(token))).IsSuccess);
        Assert.Equal(BookingStatus.PendingConfirmation, (await BookingAsync(booked)).Status);

        var unticked = await App.SendAsync(new ConfirmAppointment.Command(token, [true, false]));
        Assert.Equal(ErrorKind.Validation, unticked.Error?.Kind);
        Assert.Equal(["Ticked[1]", "Ticked[2]"], unticked.Error!.FieldErrors.Keys.Order()); // the third box was not even posted
        Assert.Equal(BookingStatus.PendingConfirmation, (await BookingAsync(booked)).Status);

        var confirmed = await App.SendAsync(new ConfirmAppointment.Command(token, AllTicked));
        Assert.Equal(ConfirmOutcome.Confirmed, confirmed.Value);
        Assert.Equal(BookingStatus.Confirmed, (await BookingAsync(booked)).Status);
        var again = await App.SendAsync(new ConfirmAppointment.Command(token, AllTicked));
        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, again.Value);

        var view = await App.SendAsync(new ViewPatientAppointment.Query(token));
        Assert.True(view.Value.IsConfirmed);
        await App.WithDbAsync(async db =>
        {
            Assert.Single(await db.ReferralEvents.Where(e => e.ReferralId == booked.ReferralId && e.Kind == "Confirmed").ToListAsync());
            Assert.Single(await db.OutboxMessages.Where(m => m.SubjectId == booked.BookingId && m.Kind == MessageKinds.DoctorConfirmed).ToListAsync());
            var views = await db.AuditEntries.Where(a => a.Action == "Viewed" && a.EntityId == booked.BookingId.ToString()).ToListAsync();
            Assert.Equal(3, views.Count);
        });
    }

    [Fact]
    public async Task Links_ForAnotherBooking_Expired_Unknown_OrReplacedByAReschedule_AreRefusedAlike()
    {
        var mine = await TestData.BookAsync(App.Services, ProcedureUtc, firstName: "Mine");
        var other = await TestData.BookAsync(App.Services, ProcedureUtc.AddHours(2), firstName: "Other");
        var otherToken = await TestData.IssueLinkAsync(App.Services, other.BookingId);
        var expired = await TestData.IssueLinkAsync(App.Services, mine.BookingId, expiresAtUtc: App.Clock.GetUtcNow().UtcDateTime.AddMinutes(5));
        var beforeReschedule = await TestData.IssueLinkAsync(App.Services, mine.BookingId);

        // A link opens its own booking and no other: nothing in it can be changed to reach another one.
        Assert.Equal("Other", (await App.SendAsync(new ViewPatientAppointment.Query(otherToken))).Value.FirstName);
        App.Clock.Advance(TimeSpan.FromMinutes(6));
        await TestData.RescheduleAsync(App.Services, mine, ProcedureUtc.AddDays(1));

        foreach (var refused in new[] { expired, beforeReschedule, PatientLinkTokens.NewToken().Token, "not-a-token", string.Empty })
        {
            Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new ViewPatientAppointment.Query(refused))).Error?.Kind);
            Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new ConfirmAppointment.Command(refused, AllTicked))).Error?.Kind);
            Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new CancelAppointment.Command(refused, null))).Error?.Kind);
        }

        Assert.Equal(BookingStatus.PendingConfirmation, (await BookingAsync(mine)).Status);

        // The rescheduled email carries a new link for the new version, which works.
        await DispatchQueuedAsync();
        var rescheduled = Assert.Single(await Smtp.WaitForAsync(3), m => To(m) == mine.PatientEmail && (m.Subject ?? string.Empty).Contains("new date", StringComparison.Ordinal));
        Assert.Equal(3, Assert.Single(Calendar.Load(CalendarText(rescheduled))!.Events).Sequence); // booked 1, (confirmed 2), moved 3
        var fresh = await App.SendAsync(new ViewPatientAppointment.Query(LinkToken(rescheduled.TextBody)));
        Assert.Equal("Wednesday, March 18, 2026", fresh.Value.Date);
    }

    [Fact]
    public async Task PatientCancel_FreesTheSlotAtOnce_ReturnsTheReferralToTheQueue_AndUsesUpTheLink()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);
        var token = await TestData.IssueLinkAsync(App.Services, booked.BookingId);

        Assert.True((await App.SendAsync(new CancelAppointment.Command(token, "Family emergency"))).IsSuccess);

        var booking = await BookingAsync(booked);
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.True(booking.CancelledByPatient);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new ViewPatientAppointment.Query(token))).Error?.Kind);
        await App.WithDbAsync(async db =>
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == booked.ReferralId);
            Assert.Equal(Scheduling.Domain.Referrals.ReferralStatus.ReadyToSchedule, referral.Status);
            var kinds = await db.OutboxMessages.Where(m => m.SubjectId == booked.BookingId).Select(m => m.Kind).ToListAsync();
            Assert.Contains(MessageKinds.PatientCancelled, kinds);
            Assert.Contains(MessageKinds.DoctorCancelled, kinds);

            // Free at once: the database takes another active booking in the same slot.
            db.Bookings.Add(Booking.Create(booked.ReferralId, booked.SlotId, "scheduler@clinic.test", null, App.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task PatientAsksForAnotherDate_KeepsTheSlot_AndShowsOnTheSchedulersList()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);
        var token = await TestData.IssueLinkAsync(App.Services, booked.BookingId);

        Assert.True((await App.SendAsync(new RequestAnotherDate.Command(token))).IsSuccess);

        var booking = await BookingAsync(booked);
        Assert.Equal(BookingStatus.PendingConfirmation, booking.Status);
        Assert.Equal(PatientRequest.Reschedule, booking.PatientRequest);
        var list = await App.SendAsync(new ListNeedsAttention.Query());
        Assert.Single(list.RescheduleRequests, r => r.BookingId == booked.BookingId);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new RequestAnotherDate.Command(token))).Error?.Kind);
    }

    [Fact]
    public async Task Reminders_AndEscalation_FallDueAtTheRightInstants_AcrossTheFallBackChange()
    {
        // Tuesday 20 October 2026 (EDT). The procedure is Monday 2 November 07:30 EST, after the
        // 1 November fall-back: 72 hours before is Friday 08:30 EDT on the wall clock, 24 hours before Sunday 07:30 EST.
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.Zero));
        var clinicTime = App.Services.GetRequiredService<ClinicTime>();
        var start = clinicTime.ToUtc(new DateOnly(2026, 11, 2), new TimeOnly(7, 30));
        Assert.Equal(new DateTime(2026, 11, 2, 12, 30, 0, DateTimeKind.Utc), start);
        var booked = await TestData.BookAsync(App.Services, start);
        await DispatchQueuedAsync();
        await Smtp.WaitForAsync(2);

        var reminder72 = await OutboxRowAsync(booked, Reminder72h);
        var reminder24 = await OutboxRowAsync(booked, Reminder24h);
        Assert.Equal(new DateTime(2026, 10, 30, 12, 30, 0), reminder72.NextAttemptAtUtc);
        Assert.Equal(new DateTime(2026, 10, 30, 8, 30, 0), clinicTime.ToLocal(reminder72.NextAttemptAtUtc));
        Assert.Equal(new DateTime(2026, 11, 1, 12, 30, 0), reminder24.NextAttemptAtUtc);
        Assert.Equal(new DateTime(2026, 11, 1, 7, 30, 0), clinicTime.ToLocal(reminder24.NextAttemptAtUtc));

        // Escalation: booked long before, so overdue at the 72-hour cut-off (30 Oct 12:30 UTC), not earlier.
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 30, 12, 29, 0, TimeSpan.Zero));
        Assert.True((await App.SendAsync(new EscalateUnconfirmedBookings.Command())).IsSuccess);
        Assert.Null((await BookingAsync(booked)).EscalatedAtUtc);
        await AssertSentOnlyOnceDueAsync(reminder72.Id, new DateTimeOffset(2026, 10, 30, 12, 30, 0, TimeSpan.Zero), "Monday, November 2, 2026");
        Assert.True((await App.SendAsync(new EscalateUnconfirmedBookings.Command())).IsSuccess);
        Assert.Equal(new DateTime(2026, 10, 30, 12, 30, 0), (await BookingAsync(booked)).EscalatedAtUtc);
        App.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await App.SendAsync(new EscalateUnconfirmedBookings.Command())).IsSuccess);
        Assert.Equal(new DateTime(2026, 10, 30, 12, 30, 0), (await BookingAsync(booked)).EscalatedAtUtc);
        Assert.Single((await App.SendAsync(new ListNeedsAttention.Query())).NotConfirmed, r => r.BookingId == booked.BookingId);
        Assert.True(await App.WithDbAsync(db => db.ReferralEvents.AnyAsync(e => e.ReferralId == booked.ReferralId && e.Kind == "NotConfirmed")));

        await AssertSentOnlyOnceDueAsync(reminder24.Id, new DateTimeOffset(2026, 11, 1, 12, 30, 0, TimeSpan.Zero), "7:30 AM");
        var reminders = Smtp.Received.Where(m => To(m) == booked.PatientEmail && m.MessageId != null && (m.MessageId.StartsWith($"{reminder72.Id:N}", StringComparison.Ordinal) || m.MessageId.StartsWith($"{reminder24.Id:N}", StringComparison.Ordinal))).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Contains("5:30 AM", r.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Escalation_WhenTheCutOffComesAfterTheGrace_FiresAtTheCutOff()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 29, 12, 0, 0, TimeSpan.Zero));
        var start = new DateTime(2026, 11, 2, 12, 30, 0, DateTimeKind.Utc);
        var booked = await TestData.BookAsync(App.Services, start);
        var due = await App.WithServiceAsync<ConfirmationPolicy, DateTime>(p => Task.FromResult(p.OverdueAtUtc(App.Clock.GetUtcNow().UtcDateTime, start)));
        Assert.Equal(new DateTime(2026, 10, 30, 12, 30, 0, DateTimeKind.Utc), due);

        // 72 real hours before 07:30 EST on Monday is 08:30 EDT on Friday: the fall-back night lies between.
        Assert.Equal(new DateTime(2026, 10, 30, 8, 30, 0), App.Services.GetRequiredService<ClinicTime>().ToLocal(due));

        App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 30, 12, 29, 0, TimeSpan.Zero));
        await App.SendAsync(new EscalateUnconfirmedBookings.Command());
        Assert.Null((await BookingAsync(booked)).EscalatedAtUtc);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await App.SendAsync(new EscalateUnconfirmedBookings.Command());
        Assert.NotNull((await BookingAsync(booked)).EscalatedAtUtc);
    }

    [Fact]
    public async Task Escalation_ForANextDayBooking_IsNotOverdueAnHourLater_ButExactlyAtTheGraceAfterBooking()
    {
        // Booked Monday 2 Mar 08:00 UTC for Tuesday 07:30 in New York (12:30 UTC): the 72-hour cut-off has already passed.
        var bookedAt = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        App.Clock.SetUtcNow(bookedAt);
        var booked = await TestData.BookAsync(App.Services, new DateTime(2026, 3, 3, 12, 30, 0, DateTimeKind.Utc));

        App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await App.SendAsync(new EscalateUnconfirmedBookings.Command())).IsSuccess);
        Assert.Null((await BookingAsync(booked)).EscalatedAtUtc);
        Assert.DoesNotContain((await App.SendAsync(new ListNeedsAttention.Query())).NotConfirmed, r => r.BookingId == booked.BookingId);

        App.Clock.SetUtcNow(bookedAt.AddHours(ConfirmationPolicy.DefaultGraceHours).AddMinutes(-1));
        await App.SendAsync(new EscalateUnconfirmedBookings.Command());
        Assert.Null((await BookingAsync(booked)).EscalatedAtUtc);

        App.Clock.SetUtcNow(bookedAt.AddHours(ConfirmationPolicy.DefaultGraceHours));
        await App.SendAsync(new EscalateUnconfirmedBookings.Command());
        Assert.Equal(bookedAt.AddHours(24).UtcDateTime, (await BookingAsync(booked)).EscalatedAtUtc);
        Assert.Single((await App.SendAsync(new ListNeedsAttention.Query())).NotConfirmed, r => r.BookingId == booked.BookingId);
    }

    [Fact]
    public async Task Escalation_ThresholdsComeFromConfiguration()
    {
        await using var app = await TestApp.StartAsync(Fixture.Database, TestContext.Current.CancellationToken, new Dictionary<string, string?>
        {
            ["Confirmation:GraceHours"] = "2",
            ["Confirmation:CutoffHours"] = "12",
        });
        var policy = await app.WithServiceAsync<ConfirmationPolicy, ConfirmationPolicy>(Task.FromResult);
        var booked = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

        Assert.Equal(booked.AddHours(2), policy.OverdueAtUtc(booked, booked.AddHours(6)));
        Assert.Equal(booked.AddHours(48 - 12), policy.OverdueAtUtc(booked, booked.AddHours(48)));
    }

    [Fact]
    public async Task ConfirmingAfterTheEscalation_ResolvesItOnTheAttentionListTheBookingAndTheTimeline()
    {
        var bookedAt = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        App.Clock.SetUtcNow(bookedAt);
        var booked = await TestData.BookAsync(App.Services, new DateTime(2026, 3, 4, 13, 30, 0, DateTimeKind.Utc));
        App.Clock.SetUtcNow(bookedAt.AddHours(25));
        await App.SendAsync(new EscalateUnconfirmedBookings.Command());
        Assert.NotNull((await BookingAsync(booked)).EscalatedAtUtc);

        App.Clock.Advance(TimeSpan.FromHours(1));
        var confirmed = await App.SendAsync(new ConfirmAppointment.Command(await TestData.IssueLinkAsync(App.Services, booked.BookingId), AllTicked));

        Assert.True(confirmed.IsSuccess);
        var list = await App.SendAsync(new ListNeedsAttention.Query());
        Assert.DoesNotContain(list.NotConfirmed, r => r.BookingId == booked.BookingId);
        Assert.Single(list.ConfirmedAfterReminder, r => r.BookingId == booked.BookingId);
        var events = await App.WithDbAsync(db => db.ReferralEvents.AsNoTracking().Where(e => e.ReferralId == booked.ReferralId).Select(e => e.Kind + ": " + e.Text).ToListAsync());
        Assert.Contains(events, e => e.StartsWith("NotConfirmed:", StringComparison.Ordinal));
        Assert.Contains($"{ConfirmAppointment.ConfirmedAfterReminderKind}: Confirmed after reminder. Not confirmed in time — resolved.", events);
        App.User.SignInAs("user-scheduler-9", "sam@clinic.test", Roles.Scheduler);
        var detail = await App.SendAsync(new GetBooking.Query(booked.BookingId));
        Assert.False(detail.Value.Escalated);
        Assert.True(detail.Value.ConfirmedAfterReminder);
    }

    [Fact]
    public async Task Reminder_ForACancelledBooking_IsSkipped_AndOneForAConfirmedBookingIsNotEscalated()
    {
        var cancelled = await TestData.BookAsync(App.Services, ProcedureUtc);
        var confirmed = await TestData.BookAsync(App.Services, ProcedureUtc.AddHours(2));
        await DispatchQueuedAsync();
        await App.SendAsync(new CancelAppointment.Command(await TestData.IssueLinkAsync(App.Services, cancelled.BookingId), null));
        await App.SendAsync(new ConfirmAppointment.Command(await TestData.IssueLinkAsync(App.Services, confirmed.BookingId), AllTicked));

        App.Clock.SetUtcNow(new DateTimeOffset(ProcedureUtc.AddHours(-70)));
        var due = await SweepAsync();
        var skipped = await OutboxRowAsync(cancelled, Reminder72h);
        Assert.Contains(skipped.Id, due);
        Assert.Equal(DispatchOutcome.Skipped, await DispatchAsync(App, skipped.Id));
        Assert.Equal(DispatchOutcome.Sent, await DispatchAsync(App, (await OutboxRowAsync(confirmed, Reminder72h)).Id));
        await App.SendAsync(new EscalateUnconfirmedBookings.Command());
        Assert.Null((await BookingAsync(confirmed)).EscalatedAtUtc);
    }

    [Fact]
    public async Task FailedEmail_IsListedForSchedulers_AndRetryRequeuesIt()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);
        App.Jobs.DrainOutboxDispatches();
        var row = await OutboxRowAsync(booked, MessageKinds.PatientBooked);
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.Attempts, 6).SetProperty(m => m.LastError, "SmtpCommandException")));

        var failed = Assert.Single((await App.SendAsync(new ListNeedsAttention.Query())).FailedMessages, f => f.Id == row.Id);
        Assert.Equal(booked.ReferralId, failed.ReferralId);
        Assert.Equal("SmtpCommandException", failed.LastError);

        Assert.True((await App.SendAsync(new RetryFailedMessage.Command(row.Id))).IsSuccess);
        Assert.Equal([row.Id], App.Jobs.DrainOutboxDispatches());
        Assert.Equal(DispatchOutcome.Sent, await DispatchAsync(App, row.Id));
        Assert.DoesNotContain((await App.SendAsync(new ListNeedsAttention.Query())).FailedMessages, f => f.Id == row.Id);
        Assert.Equal(ErrorKind.Conflict, (await App.SendAsync(new RetryFailedMessage.Command(row.Id))).Error?.Kind);
    }

    [Fact]
    public async Task JobHostKilledMidSend_ThenRestarted_DeliversEveryMessageOfTwoHundredBookings_NoneTwice()
    {
        const int bookings = 200;
        using var crash = new CancellationTokenSource();
        var sender = new CrashingSender(deliveriesBeforeCrash: 150, crash);
        await using var doomed = await StartHostAsync(services =>
        {
            var real = services.Single(d => d.ServiceType == typeof(IEmailSender)).ImplementationType!;
            services.RemoveAll<IEmailSender>();
            services.AddSingleton(real);
            services.AddSingleton<IEmailSender>(sp => sender.Wrap((IEmailSender)sp.GetRequiredService(real)));
        });

        var doctor = await TestData.AddDoctorAsync(doomed.Services);
        var room = await TestData.AddRoomAsync(doomed.Services);
        for (var i = 0; i < bookings; i++)
        {
            // A year out, so their reminders never fall due in other tests' clock jumps within this class's database.
            await TestData.BookAsync(doomed.Services, ProcedureUtc.AddYears(1).AddHours(2 * i), doctor, room);
        }

        var queued = doomed.Jobs.DrainOutboxDispatches();
        Assert.Equal(2 * bookings, queued.Count);
        await RunWorkersAsync(doomed, queued, crash.Token);
        Assert.True(crash.IsCancellationRequested, "The host should have died mid-way.");
        Assert.Equal(150, Smtp.Received.Count);

        // Restart: a new host on the same database, its job queue lost; the sweeper finds the rest once the dead host's claims expire.
        await using var restarted = await StartHostAsync();
        restarted.Clock.Advance(TimeSpan.FromSeconds(121));
        var ours = queued.ToHashSet();
        var swept = (await SweepAsync(restarted)).Where(ours.Contains).ToList();
        Assert.Equal(2 * bookings - 150, swept.Count);
        await RunWorkersAsync(restarted, swept, CancellationToken.None);

        var received = await Smtp.WaitForAsync(2 * bookings);
        Assert.Equal(2 * bookings, received.Count);
        Assert.Equal(2 * bookings, received.Select(m => m.MessageId).Distinct().Count());
        var rows = await restarted.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => queued.Contains(m.Id)).ToListAsync());
        Assert.Equal(2 * bookings, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(rows.Select(r => r.SentMessageId).Order(), received.Select(m => m.MessageId).Order());
        Assert.DoesNotContain(await SweepAsync(restarted), ours.Contains);
    }

    private async Task AssertSentOnlyOnceDueAsync(Guid id, DateTimeOffset due, string expectedText)
    {
        App.Clock.SetUtcNow(due.AddMinutes(-1));
        Assert.DoesNotContain(id, await SweepAsync());
        Assert.Equal(DispatchOutcome.NotClaimed, await DispatchAsync(App, id));

        App.Clock.SetUtcNow(due);
        Assert.Contains(id, await SweepAsync());
        Assert.Equal(DispatchOutcome.Sent, await DispatchAsync(App, id));
        var mail = Assert.Single(await Smtp.WaitForAsync(Smtp.Received.Count), m => m.MessageId == $"{id:N}@tace-scheduling.local");
        Assert.Contains(expectedText, mail.Subject + mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(id, await SweepAsync());
        Assert.Equal(DispatchOutcome.NotClaimed, await DispatchAsync(App, id));
    }

    private Task<TestApp> StartHostAsync(Action<IServiceCollection>? configure = null) =>
        TestApp.StartAsync(Fixture.Database, TestContext.Current.CancellationToken, Smtp.Settings, configure);

    protected async Task DispatchQueuedAsync()
    {
        foreach (var id in App.Jobs.DrainOutboxDispatches())
        {
            await DispatchAsync(App, id);
        }
    }

    protected static Task<DispatchOutcome> DispatchAsync(TestApp host, Guid id, CancellationToken cancellationToken = default) =>
        host.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(id, cancellationToken));

    protected Task<IReadOnlyList<Guid>> SweepAsync() => SweepAsync(App);

    protected static async Task<IReadOnlyList<Guid>> SweepAsync(TestApp host)
    {
        host.Jobs.DrainOutboxDispatches();
        await host.SendAsync(new SweepOutbox.Command());
        return host.Jobs.DrainOutboxDispatches();
    }

    /// <summary>Hangfire-like workers taking job ids off a queue until it is empty or the host dies.</summary>
    private static async Task RunWorkersAsync(TestApp host, IReadOnlyList<Guid> ids, CancellationToken hostAlive)
    {
        var queue = new ConcurrentQueue<Guid>(ids);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!hostAlive.IsCancellationRequested && queue.TryDequeue(out var id))
            {
                try
                {
                    await DispatchAsync(host, id, hostAlive);
                }
                catch (OperationCanceledException) when (hostAlive.IsCancellationRequested)
                {
                    return;
                }
            }
        })));
    }

    private Task<Booking> BookingAsync(BookedAppointment booked) =>
        App.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booked.BookingId));

    private Task<OutboxMessage> OutboxRowAsync(BookedAppointment booked, string kind) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.SubjectId == booked.BookingId && m.Kind == kind));

    protected static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    protected static string CalendarText(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single(a => a.FileName == "appointment.ics");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    protected static string LinkToken(string? text) => LinkPattern().Match(text ?? string.Empty) is { Success: true } m
        ? m.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("No appointment link in the email.");

    [GeneratedRegex(@"https://localhost:5001/p/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    /// <summary>
    /// The job host's mail transport until the host is killed: after the given number of deliveries
    /// the host dies (its token is cancelled) before the next message reaches SMTP, leaving claimed
    /// rows behind. A delivery in flight completes, as an SMTP transaction that already sent DATA would.
    /// </summary>
    private sealed class CrashingSender(int deliveriesBeforeCrash, CancellationTokenSource host)
    {
        private readonly int _deliveriesBeforeCrash = deliveriesBeforeCrash;
        private readonly CancellationTokenSource _host = host;
        private int _started;

        public IEmailSender Wrap(IEmailSender inner) => new Wrapped(this, inner);

        private sealed class Wrapped(CrashingSender owner, IEmailSender inner) : IEmailSender
        {
            public async Task<string> SendAsync(EmailMessage message, CancellationToken cancellationToken)
            {
                if (Interlocked.Increment(ref owner._started) > owner._deliveriesBeforeCrash)
                {
                    await owner._host.CancelAsync();
                    throw new OperationCanceledException(owner._host.Token);
                }

                return await inner.SendAsync(message, CancellationToken.None);
            }
        }
    }
}
