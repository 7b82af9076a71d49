using System.Collections.Concurrent;
using System.Data.Common;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Queue;
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
        var line = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.UserId == "sched-calendar").ToListAsync()));
        Assert.Equal("Viewed", line.Action);
        Assert.Null(line.EntityId);
        Assert.Equal(booked.Order(), line.RecordsShown.Select(r => Guid.Parse(r.EntityId)).Order());
        Assert.All(line.RecordsShown, r => Assert.Equal("Booking", r.EntityType));
    }

    [Fact]
    public async Task AViewOfOneRecord_KeepsItsIdOnTheLineItself()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var booked = await TestData.BookAsync(app.Services, MondayNextWeek);
        app.User.SignInAs("sched-one", "one@clinic.test", Roles.Scheduler);

        await app.SendAsync(new GetBooking.Query(booked.BookingId), TestContext.Current.CancellationToken);

        var line = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
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
