using System.Collections.Concurrent;
using System.Data.Common;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Audit;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Queue;
using Scheduling.Application.Features.Referrals;
using Scheduling.Application.Features.Review;
using Scheduling.Domain.Audit;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Audit;

/// <summary>
/// Views of patient data are audited by the query pipeline: one line per page view with every
/// record it showed, written by the group-commit writer before the page is returned. Each case has
/// a database of its own, so it can count every line.
/// </summary>
public sealed class AuditedPageViewTests
{
    private static readonly DateTime MondayNextWeek = new(2026, 3, 9, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task TheWeekCalendar_IsAuditedOnceWithEveryBookingItShows()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var booked = await BookWeekAsync(app, count: 5);
        app.User.SignInAs("sched-calendar", "calendar@clinic.test", Roles.Scheduler);

        var view = await app.SendAsync(new GetWeekCalendar.Query(DateOnly.FromDateTime(MondayNextWeek)), TestContext.Current.CancellationToken);

        Assert.True(view.IsSuccess);
        var line = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Include(e => e.RecordSet)
            .Where(e => e.UserId == "sched-calendar").ToListAsync()));
        Assert.Equal("Viewed", line.Action);
        Assert.Null(line.EntityId);
        Assert.Equal(booked.Order(), line.RecordsShown.Select(r => Guid.Parse(r.EntityId)).Order());
        Assert.All(line.RecordsShown, r => Assert.Equal("Booking", r.EntityType));
    }

    [Fact]
    public async Task TheSameWeekViewedAgain_IsALineOfItsOwnNamingTheStoredSet_AndASearchByABookingFindsEveryLine()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var booked = await BookWeekAsync(app, count: 3);
        var week = DateOnly.FromDateTime(MondayNextWeek);
        app.User.SignInAs("sched-again", "again@clinic.test", Roles.Scheduler);

        await app.SendAsync(new GetWeekCalendar.Query(week), TestContext.Current.CancellationToken);
        await app.SendAsync(new GetWeekCalendar.Query(week), TestContext.Current.CancellationToken);
        var later = await TestData.BookAsync(app.Services, MondayNextWeek.AddDays(1));
        await app.SendAsync(new GetWeekCalendar.Query(week), TestContext.Current.CancellationToken);

        // Booking the later one as this user writes lines of its own; the calendar's are its views.
        var lines = (await LinesOfAsync(app, "sched-again")).Where(l => l.Action == "Viewed" && l.RecordSet is not null).OrderBy(l => l.Id).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(lines[0].RecordSetKey, lines[1].RecordSetKey);
        Assert.NotEqual(lines[0].RecordSetKey, lines[2].RecordSetKey);
        Assert.Equal(booked.Order(), lines[1].RecordsShown.Select(r => Guid.Parse(r.EntityId)).Order());
        Assert.Equal(booked.Append(later.BookingId).Order(), lines[2].RecordsShown.Select(r => Guid.Parse(r.EntityId)).Order());
        var keys = lines.Select(l => l.RecordSetKey).ToList();
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditRecordSets.CountAsync(s => keys.Contains(s.Key))));

        app.User.SignInAs("admin-audit", "audit@clinic.test", Roles.Admin);
        var found = await app.SendAsync(new SearchAuditLog.Query(booked[0].ToString(), "again@clinic.test", "Viewed", null, null, null), TestContext.Current.CancellationToken);
        Assert.Equal(lines.Select(l => l.Id).OrderDescending(), found.Value.Rows.Select(r => r.Id));
        Assert.Equal(["4 records", "3 records", "3 records"], found.Value.Rows.Select(r => r.EntityId));
        var onlyLater = await app.SendAsync(new SearchAuditLog.Query(later.BookingId.ToString(), "again@clinic.test", "Viewed", null, null, null), TestContext.Current.CancellationToken);
        Assert.Equal([lines[2].Id], onlyLater.Value.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task AViewOfOneRecord_KeepsItsIdOnTheLineItself()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var booked = await TestData.BookAsync(app.Services, MondayNextWeek);
        app.User.SignInAs("sched-one", "one@clinic.test", Roles.Scheduler);

        await app.SendAsync(new GetBooking.Query(booked.BookingId), TestContext.Current.CancellationToken);

        var line = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Include(e => e.RecordSet)
            .Where(e => e.UserId == "sched-one").ToListAsync()));
        Assert.Equal(("Viewed", "Booking", booked.BookingId.ToString()), (line.Action, line.EntityType, line.EntityId));
        Assert.Empty(line.RecordsShown);
    }

    [Fact]
    public async Task ManyViewsAtOnce_AreAllDurableWhenTheirPagesReturn()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var booked = await TestData.BookAsync(app.Services, MondayNextWeek);
        app.User.SignInAs("sched-many", "many@clinic.test", Roles.Scheduler);

        var views = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() =>
            app.SendAsync(new GetBooking.Query(booked.BookingId), TestContext.Current.CancellationToken))));

        Assert.All(views, v => Assert.True(v.IsSuccess));
        var lines = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(e => e.UserId == "sched-many" && e.Action == "Viewed" && e.EntityId == booked.BookingId.ToString()));
        Assert.Equal(40, lines);
    }

    [Fact]
    public async Task AViewThatCannotBeAudited_FailsInsteadOfShowingThePage_AndLaterViewsAreAuditedAgain()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var booked = await TestData.BookAsync(app.Services, MondayNextWeek);
        app.User.SignInAs("sched-fail", "fail@clinic.test", Roles.Scheduler);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit refused'); END;"));

        var refused = await Assert.ThrowsAnyAsync<DbException>(async () =>
            await app.SendAsync(new GetBooking.Query(booked.BookingId), TestContext.Current.CancellationToken));
        Assert.Contains("audit refused", refused.Message, StringComparison.Ordinal);

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_audit;"));
        Assert.True((await app.SendAsync(new GetBooking.Query(booked.BookingId), TestContext.Current.CancellationToken)).IsSuccess);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.UserId == "sched-fail" && e.Action == "Viewed")));
    }

    [Fact]
    public async Task RecordingAViewOutsideAnAuditedQuery_IsRefused()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        await using var scope = app.Services.CreateAsyncScope();

        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();

        Assert.Throws<InvalidOperationException>(() => audit.RecordView("Booking", Guid.NewGuid()));
    }

    [Fact]
    public async Task TheWeekCalendar_RunsTheSameStatementsHoweverManyBookingsItShows()
    {
        var counter = new StatementCounter();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(
            database,
            TestContext.Current.CancellationToken,
            configureServices: services => services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(counter)));
        await BookWeekAsync(app, count: 2);
        await BookWeekAsync(app, count: 12, weekOffset: 1);
        app.User.SignInAs("sched-count", "count@clinic.test", Roles.Scheduler);

        var few = await counter.CountAsync(() => app.SendAsync(new GetWeekCalendar.Query(DateOnly.FromDateTime(MondayNextWeek))));
        var many = await counter.CountAsync(() => app.SendAsync(new GetWeekCalendar.Query(DateOnly.FromDateTime(MondayNextWeek.AddDays(7)))));

        Assert.Equal(few.Count, many.Count);
        Assert.True(many.Count <= 4, string.Join("\n---\n", many));
    }

    [Fact]
    public async Task TheSchedulingQueue_ReadsNoQuestionnaire()
    {
        var counter = new StatementCounter();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(
            database,
            TestContext.Current.CancellationToken,
            configureServices: services => services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(counter)));
        app.User.SignInAs("sched-queue", "queue@clinic.test", Roles.Scheduler);

        var statements = await counter.CountAsync(() => app.SendAsync(new ListReadyToSchedule.Query()));

        Assert.DoesNotContain(statements, s => s.Contains("QuestionnaireJson", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDayList_IsOneLineNamedAfterIt_WithTheBookingItShows_AndSavesNothingElse()
    {
        var saves = new SaveCounter();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await StartCountingAsync(database, saves);
        var booked = await TestData.BookAsync(app.Services, MondayNextWeek);
        app.User.SignInAs("sched-day", "day@clinic.test", Roles.Scheduler);

        var view = await saves.CountAsync(() => app.SendAsync(new GetDayList.Query(DateOnly.FromDateTime(MondayNextWeek)), TestContext.Current.CancellationToken));

        Assert.True(view.Result.IsSuccess);
        Assert.Equal(0, view.Saves);
        var line = Assert.Single(await LinesOfAsync(app, "sched-day"));
        Assert.Equal(("Viewed", "DayList", null), (line.Action, line.EntityType, line.EntityId));
        Assert.Equal([("Booking", booked.BookingId.ToString())], line.RecordsShown.Select(r => (r.EntityType, r.EntityId)));
        Assert.Contains(booked.BookingId.ToString("N"), line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientSearch_IsOneLineWithTheReferralsFound_AndSavesNothingElse()
    {
        var saves = new SaveCounter();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await StartCountingAsync(database, saves);
        var booked = await TestData.BookAsync(app.Services, MondayNextWeek);
        app.User.SignInAs("sched-search", "search@clinic.test", Roles.Scheduler);

        var found = await saves.CountAsync(() => app.SendAsync(new SearchPatients.Query("Garcia", null, null), TestContext.Current.CancellationToken));

        Assert.Equal([booked.ReferralId], found.Result.Value.Select(m => m.ReferralId));
        Assert.Equal(0, found.Saves);
        var line = Assert.Single(await LinesOfAsync(app, "sched-search"));
        Assert.Equal(("Viewed", "PatientSearch", null), (line.Action, line.EntityType, line.EntityId));
        Assert.Equal([("Referral", booked.ReferralId.ToString())], line.RecordsShown.Select(r => (r.EntityType, r.EntityId)));
        Assert.DoesNotContain("Garcia", line.Details, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheAwaitingDoctorList_IsOneLineWithTheReferralsItShows_AndSavesNothingElse()
    {
        var saves = new SaveCounter();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await StartCountingAsync(database, saves);
        var asked = await AddReferralAwaitingTheDoctorAsync(app);
        app.User.SignInAs("rad-awaiting", "awaiting@clinic.test", Roles.Radiologist);

        var list = await saves.CountAsync(() => app.SendAsync(new ListAwaitingDoctor.Query(), TestContext.Current.CancellationToken));

        Assert.Equal([asked], list.Result.Value.Select(r => r.Id));
        Assert.Equal(0, list.Saves);
        var line = Assert.Single(await LinesOfAsync(app, "rad-awaiting"));
        Assert.Equal(("Viewed", "AwaitingDoctorList", null), (line.Action, line.EntityType, line.EntityId));
        Assert.Equal([("Referral", asked.ToString())], line.RecordsShown.Select(r => (r.EntityType, r.EntityId)));
    }

    [Fact]
    public async Task ADownload_IsOneDownloadedLineForTheAttachment_AndSavesNothingElse()
    {
        var saves = new SaveCounter();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await StartCountingAsync(database, saves);
        var doctor = await TestData.AddDoctorAsync(app.Services);
        app.User.SignInAs(doctor, "doctor@practice.test", Roles.ReferringPhysician);
        var draft = (await app.SendAsync(new SaveDraft.Command(null, TestData.Details(), new QuestionnaireInput()), TestContext.Current.CancellationToken)).Value;
        var pdf = TestData.PdfBytes();
        var attachment = (await app.SendAsync(new AddAttachment.Command(draft, "report.pdf", pdf.Length, pdf), TestContext.Current.CancellationToken)).Value;
        app.User.SignInAs("sched-download", "download@clinic.test", Roles.Scheduler);

        var file = await saves.CountAsync(() => app.SendAsync(new DownloadAttachment.Query(draft, attachment), TestContext.Current.CancellationToken));

        Assert.Equal(pdf, file.Result.Value.Content);
        Assert.Equal(0, file.Saves);
        var line = Assert.Single(await LinesOfAsync(app, "sched-download"));
        Assert.Equal(("Downloaded", "ReferralAttachment", attachment.ToString()), (line.Action, line.EntityType, line.EntityId));
    }

    private static Task<TestApp> StartCountingAsync(SqliteTestDatabase database, SaveCounter saves) =>
        TestApp.StartAsync(
            database,
            TestContext.Current.CancellationToken,
            configureServices: services => services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(saves)));

    private static Task<List<AuditEntry>> LinesOfAsync(TestApp app, string userId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Include(e => e.RecordSet).Where(e => e.UserId == userId).ToListAsync());

    /// <summary>A referral a radiologist sent back to its doctor for more information, made through the domain.</summary>
    private static async Task<Guid> AddReferralAwaitingTheDoctorAsync(TestApp app)
    {
        var doctor = await TestData.AddDoctorAsync(app.Services);
        return await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var referral = Referral.CreateDraft(doctor, new ReferralDetails(
                "Ana", "Lopez", new DateOnly(1960, 1, 2), PatientSex.Female, "555-0100", "ana@example.test", "en", null,
                "Downtown Oncology", "555-0199", TestData.Diagnosis, TestData.Icd10, Urgency.Routine, null), now);
            var answers = TestData.EligibleAnswers(today, today) with { ContrastReaction = ContrastReaction.Moderate };
            referral.Submit(answers, "{}", EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1), "[]", now, "Dr. Dana Oncologist");
            referral.RequestInformation("Please send this week's bilirubin.", now, "Dr. Riley Radiologist");
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral.Id;
        });
    }

    private static async Task<List<Guid>> BookWeekAsync(TestApp app, int count, int weekOffset = 0)
    {
        var doctor = await TestData.AddDoctorAsync(app.Services);
        var room = await TestData.AddRoomAsync(app.Services);
        var booked = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var start = MondayNextWeek.AddDays((7 * weekOffset) + (i % 5)).AddHours(2 * (i / 5));
            booked.Add((await TestData.BookAsync(app.Services, start, doctor, room)).BookingId);
        }

        return booked;
    }

    /// <summary>Counts SaveChanges calls on the application's DbContext while a use case runs.</summary>
    private sealed class SaveCounter : SaveChangesInterceptor
    {
        private int _saves;
        private bool _counting;

        public async Task<(T Result, int Saves)> CountAsync<T>(Func<Task<T>> action)
        {
            _saves = 0;
            _counting = true;
            var result = await action();
            _counting = false;
            return (result, _saves);
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (_counting)
            {
                Interlocked.Increment(ref _saves);
            }

            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (_counting)
            {
                Interlocked.Increment(ref _saves);
            }

            return result;
        }
    }

    /// <summary>Every SQL statement EF sends while a use case runs (its own and the audit writer's).</summary>
    private sealed class StatementCounter : DbCommandInterceptor
    {
        private ConcurrentQueue<string>? _statements;

        public async Task<IReadOnlyList<string>> CountAsync<T>(Func<Task<T>> action)
        {
            _statements = new ConcurrentQueue<string>();
            await action();
            var counted = _statements.ToList();
            _statements = null;
            return counted;
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            _statements?.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            _statements?.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            _statements?.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            _statements?.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
