using Mediator;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.TestSupport.Builders;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// Booking against a real database: the "never double-booked" guarantees come from the database
/// (unique filtered index, slot concurrency token), so they are proven here on each provider, with
/// concurrent requests from separate scopes and DbContexts as separate web requests would be.
/// The clock is <see cref="TestApp.DefaultNow"/>, Monday 2 Mar 2026 (03:00 in New York); the
/// earliest bookable day under the default one-business-day lead time is Tuesday 3 Mar.
/// </summary>
public abstract class BookingContract(DatabaseFixture fixture) : AppContract(fixture)
{
    private const int Racers = 50;
    private const int Rounds = 20;

    private static readonly DateOnly Tuesday10Mar = new(2026, 3, 10);
    private static readonly TimeOnly Morning = new(7, 30);
    private static readonly TimeOnly Midday = new(11, 30);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App.User.SignInAs("user-scheduler-1", "sam@clinic.test", Roles.Scheduler);
    }

    [Fact]
    public async Task BookSlot_ForReadyReferral_CreatesPendingBookingSchedulesReferralAndQueuesMessagesTogether()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var referral = scenario.Referrals[0];

        var result = await App.SendAsync(new BookSlot.Command(referral.Id, slot.Id, null));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var booking = await BookingAsync(result.Value);
        Assert.Equal(BookingStatus.PendingConfirmation, booking.Status);
        Assert.Equal(slot.Id, booking.SlotId);
        Assert.Equal(1, booking.Sequence);
        Assert.Equal("sam@clinic.test", booking.BookedBy);
        Assert.Null(booking.LeadTimeOverrideReason);
        var stored = await ReferralAsync(referral.Id);
        Assert.Equal(ReferralStatus.Scheduled, stored.Status);
        var scheduled = Assert.Single(await EventsAsync(referral.Id), e => e.Kind == "Scheduled");
        Assert.Equal($"Scheduled for Tue 10 Mar 2026 at 7:30 AM in {scenario.Room.Name}.", scheduled.Text);
        Assert.Equal("sam@clinic.test", scheduled.Actor);
        var kinds = await OutboxKindsAsync(booking.Id);
        Assert.Contains(MessageKinds.PatientBooked, kinds);
        Assert.Contains(MessageKinds.DoctorBooked, kinds);
        Assert.NotEqual(slot.Version, (await SlotAsync(slot.Id)).Version);
    }

    [Fact]
    public async Task BookSlot_FiftyConcurrentAttemptsOnOneSlot_RepeatedTwentyTimes_ExactlyOneWinsAndTheRestGetTheConflictWithNothingHalfWritten()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (scenario, slot) = await ScenarioWithSlotAsync(Racers, Tuesday10Mar.AddDays(round % 3), Morning);
            var outboxBefore = await App.WithDbAsync(db => db.OutboxMessages.CountAsync());

            var results = await RaceAsync(scenario.Referrals.Select(r => new BookSlot.Command(r.Id, slot.Id, null)).ToList());

            var winners = results.Where(r => r.IsSuccess).ToList();
            var winner = Assert.Single(winners);
            var losers = results.Where(r => !r.IsSuccess).ToList();
            Assert.Equal(Racers - 1, losers.Count);
            Assert.All(losers, r =>
            {
                Assert.Equal(ErrorKind.Conflict, r.Error!.Kind);
                Assert.Equal(BookingRules.SlotTakenMessage, r.Error.Message);
            });

            var bookings = await App.WithDbAsync(db => db.Bookings.AsNoTracking().Where(b => b.SlotId == slot.Id).ToListAsync());
            var booking = Assert.Single(bookings);
            Assert.Equal(winner.Value, booking.Id);
            var referrals = await App.WithDbAsync(db => db.Referrals.AsNoTracking()
                .Where(r => scenario.Referrals.Select(s => s.Id).Contains(r.Id)).ToListAsync());
            Assert.Equal(ReferralStatus.Scheduled, Assert.Single(referrals, r => r.Id == booking.ReferralId).Status);
            Assert.All(referrals.Where(r => r.Id != booking.ReferralId), r => Assert.Equal(ReferralStatus.ReadyToSchedule, r.Status));
            var loserEvents = await App.WithDbAsync(db => db.ReferralEvents.AsNoTracking()
                .CountAsync(e => e.Kind == "Scheduled" && e.ReferralId != booking.ReferralId && scenario.Referrals.Select(s => s.Id).Contains(e.ReferralId)));
            Assert.Equal(0, loserEvents);

            Assert.Equal(1, await App.WithDbAsync(db => db.Bookings.CountAsync(b => scenario.Referrals.Select(s => s.Id).Contains(b.ReferralId))));

            // Only the winner's messages: every outbox row written during the race is about the one booking.
            var winnerMessages = await OutboxKindsAsync(booking.Id);
            Assert.Contains(MessageKinds.PatientBooked, winnerMessages);
            Assert.Equal(outboxBefore + winnerMessages.Count, await App.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        }
    }

    [Fact]
    public async Task BookSlot_TwoSlotsBookedConcurrentlyForOneReferral_OnlyOneBookingIsActive()
    {
        for (var round = 0; round < 10; round++)
        {
            var (scenario, first) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
            var second = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
            var referral = scenario.Referrals[0];

            var results = await RaceAsync([
                new BookSlot.Command(referral.Id, first.Id, null),
                new BookSlot.Command(referral.Id, second.Id, null),
            ]);

            Assert.Single(results, r => r.IsSuccess);
            var loser = Assert.Single(results, r => !r.IsSuccess);
            Assert.Contains(loser.Error!.Kind, new[] { ErrorKind.Conflict, ErrorKind.Validation });
            var active = await App.WithDbAsync(db => db.Bookings.AsNoTracking()
                .Where(BookingStatuses.IsActiveExpr).CountAsync(b => b.ReferralId == referral.Id));
            Assert.Equal(1, active);
            Assert.Single(await EventsAsync(referral.Id), e => e.Kind == "Scheduled");
        }
    }

    [Fact]
    public async Task CancelBooking_ThenBookTheSameSlotAgain_Succeeds()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 2, Tuesday10Mar, Morning);
        var first = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        var cancelled = await App.SendAsync(new CancelBooking.Command(first.Value, "Patient prefers another week"));
        var rebooked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, slot.Id, null));

        Assert.True(cancelled.IsSuccess, Describe(cancelled.Error));
        Assert.True(rebooked.IsSuccess, Describe(rebooked.Error));
        var old = await BookingAsync(first.Value);
        Assert.Equal(BookingStatus.Cancelled, old.Status);
        Assert.Equal("Patient prefers another week", old.CancelReason);
        Assert.False(old.CancelledByPatient);
        Assert.Equal(ReferralStatus.ReadyToSchedule, (await ReferralAsync(scenario.Referrals[0].Id)).Status);
        var cancelEvent = Assert.Single(await EventsAsync(scenario.Referrals[0].Id), e => e.Kind == "BookingCancelled");
        Assert.Equal($"Booking for Tue 10 Mar 2026 at 7:30 AM in {scenario.Room.Name} cancelled: Patient prefers another week", cancelEvent.Text);
        Assert.Contains(MessageKinds.PatientCancelled, await OutboxKindsAsync(first.Value));
        Assert.Equal(BookingStatus.PendingConfirmation, (await BookingAsync(rebooked.Value)).Status);

        // The cancelled referral can be booked again too.
        var other = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        Assert.True((await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, other.Id, null))).IsSuccess);
    }

    [Fact]
    public async Task RescheduleBooking_ToFreeSlot_MovesTheBookingFreesTheOldSlotAndNotesTheTimeline()
    {
        var (scenario, a) = await ScenarioWithSlotAsync(referrals: 2, Tuesday10Mar, Morning);
        var b = await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(1), Midday);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, a.Id, null));

        var result = await App.SendAsync(new RescheduleBooking.Command(booked.Value, b.Id, null));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var booking = await BookingAsync(booked.Value);
        Assert.Equal(b.Id, booking.SlotId);
        Assert.Equal(2, booking.Sequence);
        Assert.Equal(BookingStatus.PendingConfirmation, booking.Status);
        var rescheduled = Assert.Single(await EventsAsync(scenario.Referrals[0].Id), e => e.Kind == "Rescheduled");
        Assert.Equal($"Rescheduled from Tue 10 Mar 2026 at 7:30 AM in {scenario.Room.Name} to Wed 11 Mar 2026 at 11:30 AM in {scenario.Room.Name}.", rescheduled.Text);
        Assert.Contains(MessageKinds.PatientRescheduled, await OutboxKindsAsync(booking.Id));
        Assert.Equal(ReferralStatus.Scheduled, (await ReferralAsync(scenario.Referrals[0].Id)).Status);

        // The old slot is free again in the same transaction.
        Assert.True((await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, a.Id, null))).IsSuccess);
    }

    [Fact]
    public async Task RescheduleBooking_AwayFromASlotWhileSomeoneBooksThatSlot_LosesNothing()
    {
        for (var round = 0; round < 20; round++)
        {
            var (scenario, a) = await ScenarioWithSlotAsync(referrals: 2, Tuesday10Mar.AddDays(round % 3), Morning);
            var b = await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(round % 3), Midday);
            var moving = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, a.Id, null));
            var other = scenario.Referrals[1];

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reschedule = RunAfterAsync(gate.Task, new RescheduleBooking.Command(moving.Value, b.Id, null));
            var book = RunAfterAsync(gate.Task, new BookSlot.Command(other.Id, a.Id, null));
            gate.SetResult();
            var rescheduled = await reschedule;
            var booked = await book;

            Assert.True(rescheduled.IsSuccess, Describe(rescheduled.Error));
            Assert.Equal(b.Id, (await BookingAsync(moving.Value)).SlotId);
            var onA = await ActiveBookingsForSlotAsync(a.Id);
            var onB = await ActiveBookingsForSlotAsync(b.Id);
            Assert.Equal(moving.Value, Assert.Single(onB).Id);
            if (booked.IsSuccess)
            {
                Assert.Equal(other.Id, Assert.Single(onA).ReferralId);
                Assert.Equal(ReferralStatus.Scheduled, (await ReferralAsync(other.Id)).Status);
            }
            else
            {
                Assert.Equal(ErrorKind.Conflict, booked.Error!.Kind);
                Assert.Empty(onA);
                Assert.Equal(ReferralStatus.ReadyToSchedule, (await ReferralAsync(other.Id)).Status);
            }
        }
    }

    [Fact]
    public async Task RescheduleBooking_OntoAnOccupiedSlot_ReturnsConflictAndChangesNothing()
    {
        var (scenario, a) = await ScenarioWithSlotAsync(referrals: 2, Tuesday10Mar, Morning);
        var b = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        var mine = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, a.Id, null));
        await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, b.Id, null));
        var before = await CountsAsync();

        var result = await App.SendAsync(new RescheduleBooking.Command(mine.Value, b.Id, null));

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal(BookingRules.SlotTakenMessage, result.Error!.Message);
        Assert.Equal(a.Id, (await BookingAsync(mine.Value)).SlotId);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task BookSlot_InThePast_IsRefusedWithAMessageOnTheSlotAndWritesNothing()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, new DateOnly(2026, 3, 1), Morning);

        await AssertRefusedAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, "urgent"), ErrorKind.Validation, nameof(BookSlot.Command.SlotId), "in the past");
    }

    [Fact]
    public async Task BookSlot_OnAWithdrawnSlot_IsRefusedAsClosed()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        await App.WithDbAsync(async db =>
        {
            (await db.Slots.SingleAsync(s => s.Id == slot.Id)).Withdraw();
            await db.SaveChangesAsync();
        });

        await AssertRefusedAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null), ErrorKind.Validation, nameof(BookSlot.Command.SlotId), "closed");
    }

    [Fact]
    public async Task BookSlot_OnASlotThatNoLongerExists_IsRefused()
    {
        var (scenario, _) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);

        await AssertRefusedAsync(new BookSlot.Command(scenario.Referrals[0].Id, Guid.NewGuid(), null), ErrorKind.Validation, nameof(BookSlot.Command.SlotId), "no longer exists");
    }

    [Fact]
    public async Task BookSlot_InARoomOutOfService_IsRefused()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        await App.WithDbAsync(async db =>
        {
            (await db.Rooms.SingleAsync(r => r.Id == scenario.Room.Id)).Deactivate();
            await db.SaveChangesAsync();
        });

        await AssertRefusedAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null), ErrorKind.Validation, nameof(BookSlot.Command.SlotId), "out of service");
    }

    [Fact]
    public async Task BookSlot_ForAReferralNotReadyToSchedule_IsRefused()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var draft = Referral.CreateDraft(scenario.DoctorUserId, TestData.ReferralDetails("Drafty"), Now);
        await App.WithDbAsync(async db =>
        {
            db.Referrals.Add(draft);
            await db.SaveChangesAsync();
        });

        await AssertRefusedAsync(new BookSlot.Command(draft.Id, slot.Id, null), ErrorKind.Validation, nameof(BookSlot.Command.ReferralId), "not ready to schedule");
    }

    [Fact]
    public async Task BookSlot_ForAReferralAlreadyScheduled_IsRefused()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var other = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        await AssertRefusedAsync(new BookSlot.Command(scenario.Referrals[0].Id, other.Id, null), ErrorKind.Validation, nameof(BookSlot.Command.ReferralId), "already has a booking");
    }

    [Fact]
    public async Task BookSlot_OnATakenSlot_ReturnsTheConflict()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 2, Tuesday10Mar, Morning);
        await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        await AssertRefusedAsync(new BookSlot.Command(scenario.Referrals[1].Id, slot.Id, null), ErrorKind.Conflict, nameof(BookSlot.Command.SlotId), BookingRules.SlotTakenMessage);
    }

    [Fact]
    public async Task BookSlot_InsideTheLeadTimeWithoutAReason_AsksForTheReason()
    {
        // Today is Monday 2 Mar; Tuesday 3 Mar is the first business day after it.
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, new DateOnly(2026, 3, 2), Midday);

        await AssertRefusedAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, "   "), ErrorKind.Validation,
            nameof(BookSlot.Command.LeadTimeOverrideReason), "earliest bookable day is Tue 3 Mar 2026");
    }

    [Fact]
    public async Task BookSlot_InsideTheLeadTimeWithAReason_StoresAndAuditsTheOverride()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, new DateOnly(2026, 3, 2), Midday);

        var result = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, "  Cancellation slot; labs done today  "));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.Equal("Cancellation slot; labs done today", (await BookingAsync(result.Value)).LeadTimeOverrideReason);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityId == result.Value.ToString() && e.Action == "LeadTimeOverridden").ToListAsync());
        Assert.Equal("user-scheduler-1", Assert.Single(audit).UserId);
    }

    [Fact]
    public async Task BookSlot_OnTheEarliestBookableDay_NeedsNoReason()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, new DateOnly(2026, 3, 3), Morning);

        var result = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        Assert.True(result.IsSuccess, Describe(result.Error));
    }

    [Fact]
    public async Task BookSlot_ByAReferringDoctor_IsNotFound()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        App.User.SignInAs(scenario.DoctorUserId, "doc@clinic.test", Roles.ReferringPhysician);

        await AssertRefusedAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null), ErrorKind.NotFound, field: null, message: null);
    }

    [Fact]
    public async Task CancelBooking_WithoutAReason_IsRefusedAndTheBookingStays()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        await AssertRefusedAsync(new CancelBooking.Command(booked.Value, "  "), ErrorKind.Validation, nameof(CancelBooking.Command.Reason), "reason");

        Assert.Equal(BookingStatus.PendingConfirmation, (await BookingAsync(booked.Value)).Status);
    }

    [Fact]
    public async Task CancelBooking_Twice_SecondIsRefused()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));
        await App.SendAsync(new CancelBooking.Command(booked.Value, "Patient unwell"));

        await AssertRefusedAsync(new CancelBooking.Command(booked.Value, "again"), ErrorKind.Validation, string.Empty, "already cancelled");
    }

    [Fact]
    public async Task RescheduleBooking_IntoThePast_IsRefused()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var past = await AddSlotAsync(scenario.Room, new DateOnly(2026, 2, 27), Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        await AssertRefusedAsync(new RescheduleBooking.Command(booked.Value, past.Id, null), ErrorKind.Validation, nameof(RescheduleBooking.Command.NewSlotId), "in the past");
    }

    [Fact]
    public async Task RescheduleBooking_InsideTheLeadTime_NeedsAReason()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var soon = await AddSlotAsync(scenario.Room, new DateOnly(2026, 3, 2), Midday);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        await AssertRefusedAsync(new RescheduleBooking.Command(booked.Value, soon.Id, null), ErrorKind.Validation, nameof(RescheduleBooking.Command.LeadTimeOverrideReason), "lead time");
        var moved = await App.SendAsync(new RescheduleBooking.Command(booked.Value, soon.Id, "Patient asked for the first opening"));
        Assert.True(moved.IsSuccess, Describe(moved.Error));
        Assert.Equal("Patient asked for the first opening", (await BookingAsync(booked.Value)).LeadTimeOverrideReason);
    }

    [Fact]
    public async Task RecordOutcome_BeforeTheSlotsStartTime_IsRefusedEvenOnTheProcedureDay()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 7, 57, 0, TimeSpan.Zero)); // 02:57 on Tue 10 Mar in New York, the slot is at 07:30

        await AssertRefusedAsync(new RecordOutcome.Command(booked.Value, ProcedureOutcome.Completed), ErrorKind.Validation, string.Empty, "once the appointment has started (Tue 10 Mar 2026 at 7:30 AM)");
        await AssertRefusedAsync(new RecordOutcome.Command(booked.Value, ProcedureOutcome.NoShow), ErrorKind.Validation, string.Empty, "once the appointment has started");
        Assert.False((await App.SendAsync(new GetBooking.Query(booked.Value))).Value.CanRecordOutcome);
        Assert.Equal(BookingStatus.PendingConfirmation, (await BookingAsync(booked.Value)).Status);
    }

    [Fact]
    public async Task RecordOutcome_Completed_AfterTheStart_CompletesBookingAndReferral()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 11, 30, 0, TimeSpan.Zero)); // 07:30 on Tue 10 Mar in New York: the start itself

        Assert.True((await App.SendAsync(new GetBooking.Query(booked.Value))).Value.CanRecordOutcome);
        var result = await App.SendAsync(new RecordOutcome.Command(booked.Value, ProcedureOutcome.Completed));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.Equal(BookingStatus.Completed, (await BookingAsync(booked.Value)).Status);
        Assert.Equal(ReferralStatus.Completed, (await ReferralAsync(scenario.Referrals[0].Id)).Status);
        Assert.Contains(MessageKinds.DoctorCompleted, await OutboxKindsAsync(booked.Value));
    }

    [Theory]
    [InlineData(ProcedureOutcome.Completed)]
    [InlineData(ProcedureOutcome.NoShow)]
    public async Task RecordedOutcome_KeepsTheSlotTaken_SoTheUseCaseAndTheDatabaseRefuseASecondBooking(ProcedureOutcome outcome)
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 2, Tuesday10Mar, Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        Assert.True((await App.SendAsync(new RecordOutcome.Command(booked.Value, outcome))).IsSuccess);

        Assert.False(await App.WithDbAsync(db => db.FreeSlotsAt(new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc)).AnyAsync(s => s.Id == slot.Id)));
        var week = await App.SendAsync(new GetWeekCalendar.Query(Tuesday10Mar));
        var cell = week.Value.Rooms.Single(r => r.RoomId == scenario.Room.Id).Days.Single(d => d.Date == Tuesday10Mar).Slots.Single();
        Assert.Equal(outcome == ProcedureOutcome.Completed ? GetWeekCalendar.SlotState.Completed : GetWeekCalendar.SlotState.NoShow, cell.State);
        Assert.Equal(booked.Value, cell.BookingId);

        var refused = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, slot.Id, null));
        Assert.False(refused.IsSuccess);

        var errors = App.Services.GetRequiredService<Application.Common.Abstractions.IDatabaseErrors>();
        var exception = await App.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Create(scenario.Referrals[1].Id, slot.Id, "forced", null, Now));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
        Assert.True(errors.IsUniqueViolation(exception), exception.InnerException?.Message);
        Assert.Single(await App.WithDbAsync(db => db.Bookings.AsNoTracking().Where(b => b.SlotId == slot.Id).ToListAsync()));
    }

    [Fact]
    public async Task NoShow_LetsTheReferralBeBookedAgainInAnotherSlot()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var later = await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(7), Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero));
        Assert.True((await App.SendAsync(new RecordOutcome.Command(booked.Value, ProcedureOutcome.NoShow))).IsSuccess);

        var again = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, later.Id, null));

        Assert.True(again.IsSuccess, Describe(again.Error));
        Assert.Equal(BookingStatus.NoShow, (await BookingAsync(booked.Value)).Status);
    }

    [Fact]
    public async Task RecordOutcome_NoShow_ReturnsTheReferralToTheQueue()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero));

        var result = await App.SendAsync(new RecordOutcome.Command(booked.Value, ProcedureOutcome.NoShow));

        Assert.True(result.IsSuccess, Describe(result.Error));
        Assert.Equal(BookingStatus.NoShow, (await BookingAsync(booked.Value)).Status);
        Assert.Equal(ReferralStatus.ReadyToSchedule, (await ReferralAsync(scenario.Referrals[0].Id)).Status);
        Assert.Single(await EventsAsync(scenario.Referrals[0].Id), e => e.Kind == "NoShow");
        Assert.Contains(MessageKinds.DoctorNoShow, await OutboxKindsAsync(booked.Value));
    }

    [Fact]
    public async Task FindFreeSlots_ListsFutureOpenUnheldSlotsInOrder_AndMarksThoseInsideTheLeadTime()
    {
        var (scenario, taken) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var free = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        var soon = await AddSlotAsync(scenario.Room, new DateOnly(2026, 3, 2), Midday);
        var past = await AddSlotAsync(scenario.Room, new DateOnly(2026, 2, 27), Midday);
        var withdrawn = await AddSlotAsync(scenario.Room, Tuesday10Mar.AddDays(1), Morning);
        await App.WithDbAsync(async db =>
        {
            (await db.Slots.SingleAsync(s => s.Id == withdrawn.Id)).Withdraw();
            await db.SaveChangesAsync();
        });
        await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, taken.Id, null));

        var result = await App.SendAsync(new FindFreeSlots.Query(scenario.Room.Id));

        Assert.Equal([soon.Id, free.Id], result.Value.Slots.Select(s => s.SlotId));
        Assert.True(result.Value.Slots[0].InsideLeadTime);
        Assert.False(result.Value.Slots[1].InsideLeadTime);
        Assert.Equal(new DateTime(2026, 3, 10, 11, 30, 0), result.Value.Slots[1].LocalStart);
        Assert.Equal(new DateTime(2026, 3, 10, 13, 0, 0), result.Value.Slots[1].LocalEnd);
        Assert.DoesNotContain(past.Id, result.Value.Slots.Select(s => s.SlotId));

        var fromTenth = await App.SendAsync(new FindFreeSlots.Query(scenario.Room.Id, Tuesday10Mar));
        Assert.Equal([free.Id], fromTenth.Value.Slots.Select(s => s.SlotId));
    }

    [Fact]
    public async Task GetBooking_ShowsTheTimelineAndRecordsTheView()
    {
        var (scenario, a) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var b = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var booked = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, a.Id, null));
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await App.SendAsync(new RescheduleBooking.Command(booked.Value, b.Id, null));

        var detail = await App.SendAsync(new GetBooking.Query(booked.Value));

        Assert.True(detail.IsSuccess, Describe(detail.Error));
        Assert.Equal(new DateTime(2026, 3, 10, 11, 30, 0), detail.Value.LocalStart);
        Assert.Equal(scenario.Room.Name, detail.Value.RoomName);
        // Submitting and assessing happen in the same instant; the later steps each at their own time.
        var kinds = detail.Value.Timeline.Select(e => e.Kind).ToList();
        Assert.Equal(["Assessed", "Submitted"], kinds.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(["Scheduled", "Rescheduled"], kinds.Skip(2));
        Assert.Equal(new DateTime(2026, 3, 2, 3, 10, 0), detail.Value.Timeline[^1].LocalTime);
        Assert.True(detail.Value.CanCancel);
        Assert.False(detail.Value.CanRecordOutcome);
        var views = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(e => e.Action == "Viewed" && e.EntityId == booked.Value.ToString()));
        Assert.Equal(1, views);
    }

    [Fact]
    public async Task ListBookings_ByStatus_ShowsOnlyThatStatus()
    {
        var (scenario, a) = await ScenarioWithSlotAsync(referrals: 2, Tuesday10Mar, Morning);
        var b = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        var kept = await App.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, a.Id, null));
        var dropped = await App.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, b.Id, null));
        await App.SendAsync(new CancelBooking.Command(dropped.Value, "Duplicate referral"));

        var pending = await App.SendAsync(new ListBookings.Query(BookingStatus.PendingConfirmation, Tuesday10Mar));
        var cancelled = await App.SendAsync(new ListBookings.Query(BookingStatus.Cancelled, Tuesday10Mar));
        var active = await App.SendAsync(new ListBookings.Query(From: Tuesday10Mar));

        Assert.Contains(kept.Value, pending.Value.Rows.Select(r => r.Id));
        Assert.DoesNotContain(dropped.Value, pending.Value.Rows.Select(r => r.Id));
        Assert.Contains(dropped.Value, cancelled.Value.Rows.Select(r => r.Id));
        Assert.Contains(kept.Value, active.Value.Rows.Select(r => r.Id));
        Assert.DoesNotContain(dropped.Value, active.Value.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Database_SlotWrittenFromAStaleRead_FailsOnTheSlotToken()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 2, Tuesday10Mar, Morning);
        await using var first = App.Services.CreateAsyncScope();
        await using var second = App.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ApplicationDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ApplicationDbContext>();
        var slot1 = await db1.Slots.SingleAsync(s => s.Id == slot.Id);
        var slot2 = await db2.Slots.SingleAsync(s => s.Id == slot.Id);

        db1.Bookings.Add(Booking.Create(scenario.Referrals[0].Id, slot.Id, "one", null, Now));
        slot1.Touch();
        await db1.SaveChangesAsync();
        // Whichever of the two defences the provider hits first, the stale token alone is enough to refuse.
        slot2.Touch();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        Assert.Single(await ActiveBookingsForSlotAsync(slot.Id));
    }

    [Fact]
    public async Task Saving_ABookingThatTakesLeavesOrReleasesASlot_ChangesThatSlotsToken_WithoutTheCallerTouchingIt()
    {
        var (scenario, a) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var b = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        var booking = Booking.Create(scenario.Referrals[0].Id, a.Id, "sam", null, Now);

        await App.WithDbAsync(async db =>
        {
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
        });
        var taken = await SlotAsync(a.Id);
        Assert.NotEqual(a.Version, taken.Version);

        await ChangeBookingAsync(booking.Id, (stored, _) => stored.Confirm(Now));
        Assert.Equal(taken.Version, (await SlotAsync(a.Id)).Version);

        await ChangeBookingAsync(booking.Id, (stored, _) => stored.MoveTo(b.Id, null, Now));
        var left = await SlotAsync(a.Id);
        var moved = await SlotAsync(b.Id);
        Assert.NotEqual(taken.Version, left.Version);
        Assert.NotEqual(b.Version, moved.Version);

        await ChangeBookingAsync(booking.Id, (stored, referral) => stored.Cancel(referral, "test", byPatient: false, "Booking cancelled: test", "sam", Now));
        Assert.NotEqual(moved.Version, (await SlotAsync(b.Id)).Version);
        Assert.Equal(left.Version, (await SlotAsync(a.Id)).Version);
    }

    [Fact]
    public async Task Database_SecondActiveBookingForASlot_IsAUniqueViolation_ButACancelledOneIsNot()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 3, Tuesday10Mar, Morning);
        var errors = App.Services.GetRequiredService<Application.Common.Abstractions.IDatabaseErrors>();
        await App.WithDbAsync(async db =>
        {
            var cancelled = Booking.Create(scenario.Referrals[0].Id, slot.Id, "one", null, Now);
            cancelled.Cancel(await db.Referrals.SingleAsync(r => r.Id == scenario.Referrals[0].Id), "test", byPatient: false, "test", "one", Now);
            db.Bookings.Add(cancelled);
            db.Bookings.Add(Booking.Create(scenario.Referrals[1].Id, slot.Id, "two", null, Now));
            await db.SaveChangesAsync();
        });

        var exception = await App.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Create(scenario.Referrals[2].Id, slot.Id, "three", null, Now));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        Assert.True(errors.IsUniqueViolation(exception), exception.InnerException?.Message);
    }

    [Fact]
    public async Task Database_SecondActiveBookingForAReferral_IsAUniqueViolation()
    {
        var (scenario, slot) = await ScenarioWithSlotAsync(referrals: 1, Tuesday10Mar, Morning);
        var other = await AddSlotAsync(scenario.Room, Tuesday10Mar, Midday);
        var errors = App.Services.GetRequiredService<Application.Common.Abstractions.IDatabaseErrors>();
        await App.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Create(scenario.Referrals[0].Id, slot.Id, "one", null, Now));
            await db.SaveChangesAsync();
        });

        var exception = await App.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Create(scenario.Referrals[0].Id, other.Id, "two", null, Now));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        Assert.True(errors.IsUniqueViolation(exception), exception.InnerException?.Message);
    }

    [Fact]
    public async Task BookSlot_WhenTheSlotTokenChangesBeforeSaving_ReturnsTheConflictAndRollsEverythingBack()
    {
        var interference = new Interference { TouchSlot = true };
        await using var app = await StartInterferingAppAsync(interference);
        var scenario = await app.WithDbAsync(db => TestData.SeedAsync(db, Now, referrals: 1));
        var slot = await AddSlotAsync(app, scenario.Room, Tuesday10Mar, Morning);
        var before = await CountsAsync();

        var result = await app.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal(BookingRules.SlotTakenMessage, result.Error!.Message);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(slot.Version, (await SlotAsync(slot.Id)).Version);
        Assert.Equal(ReferralStatus.ReadyToSchedule, (await ReferralAsync(scenario.Referrals[0].Id)).Status);
    }

    [Fact]
    public async Task BookSlot_WhenAnotherBookingTakesTheSlotBeforeSaving_ReturnsTheConflictFromTheUniqueIndexAndRollsBack()
    {
        var interference = new Interference();
        await using var app = await StartInterferingAppAsync(interference);
        var scenario = await app.WithDbAsync(db => TestData.SeedAsync(db, Now, referrals: 2));
        var slot = await AddSlotAsync(app, scenario.Room, Tuesday10Mar, Morning);
        var elsewhere = await AddSlotAsync(app, scenario.Room, Tuesday10Mar, Midday);
        var other = await app.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, elsewhere.Id, null));
        interference.MoveBookingIntoSlot = other.Value;
        var before = await CountsAsync();

        var result = await app.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, slot.Id, null));

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal(BookingRules.SlotTakenMessage, result.Error!.Message);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(elsewhere.Id, (await BookingAsync(other.Value)).SlotId);
    }

    [Fact]
    public async Task RescheduleBooking_WhenAnotherBookingTakesTheNewSlotBeforeSaving_ReturnsTheConflictAndKeepsTheOldSlot()
    {
        var interference = new Interference();
        await using var app = await StartInterferingAppAsync(interference);
        var scenario = await app.WithDbAsync(db => TestData.SeedAsync(db, Now, referrals: 2));
        var a = await AddSlotAsync(app, scenario.Room, Tuesday10Mar, Morning);
        var b = await AddSlotAsync(app, scenario.Room, Tuesday10Mar, Midday);
        var c = await AddSlotAsync(app, scenario.Room, Tuesday10Mar.AddDays(1), Midday);
        var mine = await app.SendAsync(new BookSlot.Command(scenario.Referrals[0].Id, a.Id, null));
        var theirs = await app.SendAsync(new BookSlot.Command(scenario.Referrals[1].Id, c.Id, null));
        interference.MoveBookingIntoSlot = theirs.Value;
        var before = await CountsAsync();

        var result = await app.SendAsync(new RescheduleBooking.Command(mine.Value, b.Id, null));

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(a.Id, (await BookingAsync(mine.Value)).SlotId);
        Assert.Equal(1, (await BookingAsync(mine.Value)).Sequence);
    }

    /// <summary>
    /// Each command in its own DI scope (own DbContext and connection), all released by one gate so
    /// they hit the database together as simultaneous web requests would.
    /// </summary>
    private async Task<IReadOnlyList<TResult>> RaceAsync<TResult>(IReadOnlyList<ICommand<TResult>> commands)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = commands.Select(c => RunAfterAsync(gate.Task, c)).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private async Task<TResult> RunAfterAsync<TResult>(Task gate, ICommand<TResult> command)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await gate;
        return await Task.Run(async () => await mediator.Send(command, TestContext.Current.CancellationToken));
    }

    /// <summary>A second app on the same database whose booking notifications interfere as <paramref name="interference"/> says.</summary>
    private async Task<TestApp> StartInterferingAppAsync(Interference interference)
    {
        var app = await TestApp.StartAsync(Fixture.Database, TestContext.Current.CancellationToken, configureServices: services =>
        {
            services.RemoveAll<IBookingNotifications>();
            services.AddScoped<BookingNotifications>();
            services.AddSingleton(interference);
            services.AddScoped<IBookingNotifications>(sp => new InterferingBookingNotifications(
                sp.GetRequiredService<BookingNotifications>(),
                sp.GetRequiredService<Application.Common.Abstractions.IApplicationDbContext>(),
                interference));
        });
        app.User.SignInAs("user-scheduler-2", "kim@clinic.test", Roles.Scheduler);
        app.Clock.SetUtcNow(App.Clock.GetUtcNow());
        return app;
    }

    private async Task AssertRefusedAsync<TResult>(ICommand<TResult> command, ErrorKind kind, string? field, string? message)
        where TResult : Application.Common.Results.IUseCaseResult
    {
        var before = await CountsAsync();

        var result = await App.SendAsync(command);

        var error = result.Error;
        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        if (field is not null)
        {
            Assert.True(error.FieldErrors.TryGetValue(field, out var messages), $"Expected an error on '{field}'; got {Describe(error)}");
            Assert.Contains(messages, m => m.Contains(message!, StringComparison.Ordinal));
        }

        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(TestData.Scenario Scenario, Slot Slot)> ScenarioWithSlotAsync(int referrals, DateOnly date, TimeOnly start)
    {
        var scenario = await App.WithDbAsync(db => TestData.SeedAsync(db, Now, referrals));
        return (scenario, await AddSlotAsync(scenario.Room, date, start));
    }

    private Task<Slot> AddSlotAsync(Room room, DateOnly date, TimeOnly start) => AddSlotAsync(App, room, date, start);

    private async Task<Slot> AddSlotAsync(TestApp app, Room room, DateOnly date, TimeOnly start)
    {
        var slot = TestData.Slot(room, ClinicTime, date, start, Now);
        await app.WithDbAsync(async db =>
        {
            db.Slots.Add(slot);
            await db.SaveChangesAsync();
        });
        return slot;
    }

    /// <summary>Row counts of everything a booking change writes; equal before and after means nothing was half-written.</summary>
    private Task<(int Bookings, int Events, int Outbox, int Audit, string Statuses)> CountsAsync() =>
        App.WithDbAsync(async db => (
            await db.Bookings.CountAsync(),
            await db.ReferralEvents.CountAsync(),
            await db.OutboxMessages.CountAsync(),
            await db.AuditEntries.CountAsync(),
            string.Join(",", await db.Bookings.OrderBy(b => b.Id).Select(b => b.Status.ToString() + b.SlotId).ToListAsync())));

    /// <summary>Changes a stored booking in a context of its own, as a request would, without touching any slot.</summary>
    private Task ChangeBookingAsync(Guid bookingId, Action<Booking, Referral> change) =>
        App.WithDbAsync(async db =>
        {
            var booking = await db.Bookings.SingleAsync(x => x.Id == bookingId);
            change(booking, await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId));
            await db.SaveChangesAsync();
        });

    private Task<Booking> BookingAsync(Guid id) => App.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id));

    private Task<Referral> ReferralAsync(Guid id) => App.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<Slot> SlotAsync(Guid id) => App.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == id));

    private Task<List<ReferralEvent>> EventsAsync(Guid referralId) =>
        App.WithDbAsync(db => db.ReferralEvents.AsNoTracking().Where(e => e.ReferralId == referralId).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync());

    private Task<List<Booking>> ActiveBookingsForSlotAsync(Guid slotId) =>
        App.WithDbAsync(db => db.Bookings.AsNoTracking()
            .Where(BookingStatuses.IsOccupyingExpr).Where(b => b.SlotId == slotId).ToListAsync());

    private Task<List<string>> OutboxKindsAsync(Guid bookingId) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.SubjectId == bookingId).Select(m => m.Kind).ToListAsync());

    private static string Describe(Error? error) => error is null
        ? "no error"
        : $"{error.Kind}: {error.Message} [{string.Join("; ", error.FieldErrors.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"))}]";
}
