using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The scheduler's morning on a real database: the day list, patient search and the call log.
/// Each test names its patients and rooms uniquely and asserts only on its own rows. The clock is
/// <see cref="TestApp.DefaultNow"/>, Monday 2 Mar 2026 03:00 in New York.
/// </summary>
public abstract class DeskContract(DatabaseFixture fixture) : AppContract(fixture)
{
    private static readonly DateOnly Tuesday10Mar = new(2026, 3, 10);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App.User.SignInAs("user-scheduler-desk", "sam@clinic.test", Roles.Scheduler);
    }

    [Fact]
    public async Task DayList_ShowsEveryOccupyingBookingOnItsSlot_WithIdentifiersArrivalAndFlags_AndOneAuditLineWithTheBookingIds()
    {
        var room = await AddRoomAsync();
        var flagged = await AddReferralAsync(Unique("Dayflag"), anticoagulant: "Apixaban", transplant: true, contrast: ContrastReaction.Moderate, mrn: "MRN-D1");
        var plain = await AddReferralAsync(Unique("Dayplain"));
        var cancelled = await AddReferralAsync(Unique("Daycancel"));
        var early = await AddSlotAsync(room, Tuesday10Mar, new TimeOnly(7, 30));
        var mid = await AddSlotAsync(room, Tuesday10Mar, new TimeOnly(9, 30));
        var late = await AddSlotAsync(room, Tuesday10Mar, new TimeOnly(11, 30));
        var flaggedBooking = await BookAsync(flagged, early);
        var plainBooking = await BookAsync(plain, mid);
        var cancelledBooking = await BookAsync(cancelled, late);
        Assert.True((await App.SendAsync(new CancelBooking.Command(cancelledBooking, "Patient unwell"))).IsSuccess);
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero)); // 09:00 on the day: the 07:30 has started
        Assert.True((await App.SendAsync(new RecordOutcome.Command(flaggedBooking, ProcedureOutcome.Completed))).IsSuccess);

        var result = await App.SendAsync(new GetDayList.Query(Tuesday10Mar));

        Assert.True(result.IsSuccess);
        var day = Assert.Single(result.Value.Rooms, r => r.RoomId == room.Id);
        Assert.Equal([new TimeOnly(7, 30), new TimeOnly(9, 30), new TimeOnly(11, 30)], day.Slots.Select(s => TimeOnly.FromDateTime(s.LocalStart)));
        var first = day.Slots[0].Patient!;
        Assert.Equal(flaggedBooking, first.BookingId);
        Assert.Equal(BookingStatus.Completed, first.Status);
        Assert.Equal($"{flagged.PatientLastName}, Pat", first.Name);
        Assert.Equal(new DateOnly(1958, 4, 12), first.DateOfBirth);
        Assert.Equal("MRN-D1", first.MedicalRecordNumber);
        Assert.Equal("555-0199", first.Phone);
        Assert.Equal(new DateTime(2026, 3, 10, 5, 30, 0), first.LocalArrival);
        Assert.Equal(ReferralReference.For(flagged.Id), first.Reference);
        Assert.Equal("Apixaban", first.Flags.AnticoagulantToHold);
        Assert.True(first.Flags.TransplantCoordination);
        Assert.True(first.Flags.ContrastPremedication);
        var second = day.Slots[1].Patient!;
        Assert.Equal(BookingStatus.PendingConfirmation, second.Status);
        Assert.False(second.Flags.Any);
        Assert.Null(day.Slots[2].Patient);

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "DayList" && a.Details!.Contains(flaggedBooking.ToString("N"))).ToListAsync());
        var line = Assert.Single(audit);
        Assert.Contains(plainBooking.ToString("N"), line.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(cancelledBooking.ToString("N"), line.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(flagged.PatientLastName, line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DayList_ForADayWithoutSlots_ListsTheRoomsInServiceWithNoSlots()
    {
        var room = await AddRoomAsync();

        var result = await App.SendAsync(new GetDayList.Query(new DateOnly(2026, 3, 8)));

        Assert.Empty(Assert.Single(result.Value.Rooms, r => r.RoomId == room.Id).Slots);
    }

    [Fact]
    public async Task DayList_AndPatientSearch_AreNotFoundForAReferringDoctor()
    {
        App.User.SignInAs("user-doctor-desk", "doc@practice.test", Roles.ReferringPhysician);

        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new GetDayList.Query(Tuesday10Mar))).Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new SearchPatients.Query("Garcia", null, null))).Error?.Kind);
    }

    [Fact]
    public async Task DayList_IsOpenToRadiologists()
    {
        App.User.SignInAs("user-radiologist-desk", "ray@clinic.test", Roles.Radiologist);

        Assert.True((await App.SendAsync(new GetDayList.Query(Tuesday10Mar))).IsSuccess);
    }

    [Fact]
    public async Task SearchPatients_ByPartOfTheLastNameInAnyCase_FindsTheReferralWithItsBookingInClinicTime()
    {
        var lastName = Unique("Searchlast");
        var room = await AddRoomAsync();
        var referral = await AddReferralAsync(lastName);
        var slot = await AddSlotAsync(room, Tuesday10Mar, new TimeOnly(9, 30));
        var booking = await BookAsync(referral, slot);

        var result = await App.SendAsync(new SearchPatients.Query(lastName[2..^2].ToUpperInvariant(), null, null));

        Assert.True(result.IsSuccess);
        var match = Assert.Single(result.Value, m => m.ReferralId == referral.Id);
        Assert.Equal(ReferralReference.For(referral.Id), match.Reference);
        var line = Assert.Single(match.Bookings);
        Assert.Equal(booking, line.BookingId);
        Assert.Equal(new DateTime(2026, 3, 10, 9, 30, 0), line.LocalStart);
        Assert.Equal(BookingStatus.PendingConfirmation, line.Status);
    }

    [Fact]
    public async Task SearchPatients_ByFirstAndLastNameTogether_ByDateOfBirth_ByMrnAndByReference_FindsThePatient()
    {
        var lastName = Unique("Searchboth");
        var born = new DateOnly(1931, 1, 1).AddDays(Random.Shared.Next(0, 20000));
        var referral = await AddReferralAsync(lastName, mrn: $"MRN-{lastName}", dateOfBirth: born);

        Assert.Contains((await App.SendAsync(new SearchPatients.Query($"{lastName.ToLowerInvariant()}, pat", null, null))).Value, m => m.ReferralId == referral.Id);
        Assert.Contains((await App.SendAsync(new SearchPatients.Query(null, born, null))).Value, m => m.ReferralId == referral.Id);
        Assert.Contains((await App.SendAsync(new SearchPatients.Query(null, null, $"mrn-{lastName.ToLowerInvariant()}"))).Value, m => m.ReferralId == referral.Id);
        Assert.Contains((await App.SendAsync(new SearchPatients.Query(null, null, ReferralReference.For(referral.Id).ToLowerInvariant()))).Value, m => m.ReferralId == referral.Id);
        Assert.DoesNotContain((await App.SendAsync(new SearchPatients.Query(lastName, born.AddDays(1), null))).Value, m => m.ReferralId == referral.Id);
    }

    [Fact]
    public async Task SearchPatients_IsAuditedWithTheReferralIdsShown_ButNeverWithWhatWasSearched()
    {
        var lastName = Unique("Searchaudit");
        var referral = await AddReferralAsync(lastName);

        await App.SendAsync(new SearchPatients.Query(lastName, null, null));

        var lines = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "PatientSearch" && a.Details!.Contains(referral.Id.ToString("N"))).ToListAsync());
        Assert.DoesNotContain(lastName, Assert.Single(lines).Details, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SearchPatients_WritesNoSearchTermToAnyLog_EvenAtTraceLevel()
    {
        var lastName = Unique("Searchlog");
        var referral = await AddReferralAsync(lastName, mrn: $"MRN-{lastName}");
        var logs = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(Fixture.Database, TestContext.Current.CancellationToken, configureServices: services =>
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)));
        app.User.SignInAs("user-scheduler-log", "kim@clinic.test", Roles.Scheduler);

        var found = await app.SendAsync(new SearchPatients.Query(lastName, new DateOnly(1958, 4, 12), null));
        await app.SendAsync(new SearchPatients.Query(null, null, $"MRN-{lastName}"));

        Assert.Contains(found.Value, m => m.ReferralId == referral.Id);
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(lastName, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("1958-04-12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchPatients_WithNothingToSearchFor_IsRefusedWithAMessageBesideTheName()
    {
        var result = await App.SendAsync(new SearchPatients.Query(" ", null, ""));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Contains(result.Error!.FieldErrors[nameof(SearchPatients.Query.Name)], m => m.Contains("Enter a name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogPatientCall_AddsATimelineLineWithWhoCalledAndHowItWent_AndAnAuditLineWithoutTheNote()
    {
        var room = await AddRoomAsync();
        var referral = await AddReferralAsync(Unique("Caller"));
        var booking = await BookAsync(referral, await AddSlotAsync(room, Tuesday10Mar, new TimeOnly(7, 30)));

        var result = await App.SendAsync(new LogPatientCall.Command(booking, CallOutcome.LeftMessage, "Asked her to call back about the driver"));

        Assert.True(result.IsSuccess);
        var line = Assert.Single(await App.WithDbAsync(db => db.ReferralEvents.AsNoTracking()
            .Where(e => e.ReferralId == referral.Id && e.Kind == PatientCall.Kind).ToListAsync()));
        Assert.Equal("Phone call: Left a message. Note: Asked her to call back about the driver", line.Text);
        Assert.Equal("sam@clinic.test", line.Actor);
        Assert.Equal(Now, line.AtUtc);
        var audit = Assert.Single(await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "PatientCallLogged" && a.EntityId == booking.ToString()).ToListAsync()));
        Assert.Equal("Left a message", audit.Details);
        var detail = await App.SendAsync(new GetBooking.Query(booking));
        Assert.Contains(detail.Value.Timeline, e => e.Kind == PatientCall.Kind && e.Actor == "sam@clinic.test");
    }

    [Fact]
    public async Task LogPatientCall_WithoutAnOutcome_IsRefusedAndWritesNothing()
    {
        var room = await AddRoomAsync();
        var referral = await AddReferralAsync(Unique("Callnone"));
        var booking = await BookAsync(referral, await AddSlotAsync(room, Tuesday10Mar, new TimeOnly(7, 30)));

        var result = await App.SendAsync(new LogPatientCall.Command(booking, null, "note"));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.False(await App.WithDbAsync(db => db.ReferralEvents.AnyAsync(e => e.ReferralId == referral.Id && e.Kind == PatientCall.Kind)));
    }

    /// <summary>Letters only (names are searched as words), unique to the call.</summary>
    private static string Unique(string prefix) =>
        prefix + new string(Guid.NewGuid().ToString("N").Where(char.IsDigit).Take(8).Select(c => (char)('a' + (c - '0'))).ToArray());

    private async Task<Room> AddRoomAsync()
    {
        var room = TestData.Room(Now);
        await App.WithDbAsync(async db =>
        {
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
        });
        return room;
    }

    private async Task<Slot> AddSlotAsync(Room room, DateOnly date, TimeOnly start)
    {
        var slot = TestData.Slot(room, ClinicTime, date, start, Now);
        await App.WithDbAsync(async db =>
        {
            db.Slots.Add(slot);
            await db.SaveChangesAsync();
        });
        return slot;
    }

    private async Task<Guid> BookAsync(Referral referral, Slot slot)
    {
        var result = await App.SendAsync(new BookSlot.Command(referral.Id, slot.Id, null));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    /// <summary>A referral ready to schedule, with the questionnaire answers that raise the day list's flags when asked for.</summary>
    private async Task<Referral> AddReferralAsync(
        string lastName, string? anticoagulant = null, bool transplant = false, ContrastReaction contrast = ContrastReaction.None,
        string? mrn = null, DateOnly? dateOfBirth = null)
    {
        return await App.WithDbAsync(async db =>
        {
            var doctor = TestData.Doctor();
            db.Users.Add(doctor);
            var details = TestData.ReferralDetails(lastName, firstName: "Pat") with
            {
                MedicalRecordNumber = mrn,
                PatientDateOfBirth = dateOfBirth ?? new DateOnly(1958, 4, 12),
            };
            var referral = Referral.CreateDraft(doctor.Id, details, Now);
            var today = DateOnly.FromDateTime(Now);
            var answers = TestData.EligibleAnswers(today) with
            {
                Anticoagulant = anticoagulant,
                LiverTransplant = transplant,
                ContrastReaction = contrast,
            };
            var questionnaire = new QuestionnaireInput
            {
                TakesAnticoagulant = anticoagulant is not null,
                Anticoagulant = anticoagulant,
                LiverTransplant = transplant,
                ContrastReaction = contrast,
            };
            referral.Submit(answers, questionnaire.ToJson(), EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", Now, "doctor");
            if (referral.CanBeReviewed)
            {
                referral.Approve("Plan agreed.", Now, "radiologist@clinic.test");
            }

            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral;
        });
    }

    /// <summary>Every log message written, formatted, exceptions included.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
        }
    }
}
