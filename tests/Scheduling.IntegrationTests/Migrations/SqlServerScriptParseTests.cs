using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.TestSupport;

namespace Scheduling.IntegrationTests.Migrations;

/// <summary>
/// SQL Server cannot run here (no Docker engine), so its SQL is checked by SQL Server's own parser
/// (ScriptDom, T-SQL 160 = SQL Server 2022): the DBA script and the SQL EF Core generates for the
/// main queries. A syntax error fails here instead of on a hospital's server.
/// </summary>
public sealed partial class SqlServerScriptParseTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SchemaScript_ParsesAsSqlServer2022TransactSql()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "db", "sqlserver", "schema.sql"));
        var batches = GoSeparator().Split(script).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();

        // The history table, then one transaction per migration.
        Assert.True(batches.Count >= 2, "db/sqlserver/schema.sql holds no migration.");
        Assert.All(batches, batch => AssertParses("db/sqlserver/schema.sql", batch));
    }

    [Fact]
    public void MainQueries_AsGeneratedForSqlServer_ParseAsSqlServer2022TransactSql()
    {
        using var db = new Scheduling.Migrations.SqlServer.DesignTimeDbContextFactory().CreateDbContext([]);
        var doctor = new FakeCurrentUser();
        doctor.SignInAs("doctor-1", "doctor@clinic.test", Roles.ReferringPhysician);
        var roomId = Guid.NewGuid();
        var weekStart = new DateOnly(2026, 3, 3);

        var queries = new Dictionary<string, string>
        {
            // The booking page's free slots: the one "free now" query (future, not withdrawn, room in service, no occupying booking).
            ["free slots"] = (
                from s in db.FreeSlotsAt(Now).AsNoTracking().Where(s => s.RoomId == roomId && s.LocalDate >= weekStart)
                join r in db.Rooms on s.RoomId equals r.Id
                orderby s.StartUtc, r.Name
                select new { s.Id, s.RoomId, r.Name, s.StartUtc, s.EndUtc }).Take(20).ToQueryString(),

            // Patient search by part of a name, any case.
            ["patient search"] = db.Referrals.AsNoTracking()
                .Where(r => r.Status != ReferralStatus.Draft && (r.PatientLastName.ToLower().Contains("garc") || r.PatientFirstName.ToLower().Contains("garc")))
                .OrderBy(r => r.PatientLastName).Take(50)
                .Select(r => new { r.Id, r.PatientLastName, r.PatientDateOfBirth })
                .ToQueryString(),

            // The scheduling queue: ready referrals, most urgent and longest waiting first.
            ["scheduling queue"] = db.Referrals.AsNoTracking()
                .Where(r => r.Status == ReferralStatus.ReadyToSchedule)
                .OrderByDescending(r => r.Urgency).ThenBy(r => r.ReadyToScheduleSinceUtc)
                .Select(r => new { r.Id, r.PatientLastName, r.Urgency, r.ReadyToScheduleSinceUtc })
                .Skip(25).Take(25).ToQueryString(),

            // A doctor's own referrals only (the per-record rule).
            ["doctor's referrals"] = db.Referrals.AsNoTracking().VisibleTo(doctor)
                .OrderByDescending(r => r.CreatedAtUtc).Take(50).ToQueryString(),

            // The outbox sweeper: due, or claimed by a worker that died.
            ["outbox sweep"] = db.OutboxMessages.AsNoTracking()
                .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= Now)
                    || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < Now))
                .OrderBy(m => m.NextAttemptAtUtc).Select(m => m.Id).Take(500).ToQueryString(),

            // The escalation of unconfirmed bookings.
            ["escalation"] = (
                from booking in db.Bookings
                join slot in db.Slots on booking.SlotId equals slot.Id
                where booking.Status == BookingStatus.PendingConfirmation && booking.EscalatedAtUtc == null
                    && booking.BookedAtUtc <= Now.AddHours(-24) && slot.StartUtc <= Now.AddHours(72)
                select new { Booking = booking, slot.StartUtc }).ToQueryString(),

            // The week calendar: slots of a week with their occupying booking, if any.
            ["week calendar"] = (
                from s in db.Slots.AsNoTracking().Where(s => s.LocalDate >= weekStart && s.LocalDate < weekStart.AddDays(7))
                join b in db.Bookings.Where(BookingStatuses.IsOccupyingExpr) on s.Id equals b.SlotId into booked
                from b in booked.DefaultIfEmpty()
                orderby s.LocalDate, s.StartUtc
                select new { s.Id, s.StartUtc, BookingId = (Guid?)b.Id, Status = (BookingStatus?)b.Status }).ToQueryString(),

            // The audit log page.
            ["audit log"] = db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Referral" && a.OccurredAtUtc >= Now.AddDays(-30))
                .OrderByDescending(a => a.OccurredAtUtc).ThenByDescending(a => a.Id).Skip(50).Take(50).ToQueryString(),
        };

        Assert.All(queries, q => AssertParses(q.Key, q.Value));
    }

    [Fact]
    public void AnInvalidStatement_IsReportedByTheParser()
    {
        // The check itself must be able to fail.
        var errors = Parse("SELECT [Id] FROM [Slots] WHERE ORDER BY [Id]");

        Assert.NotEmpty(errors);
    }

    private static void AssertParses(string what, string sql)
    {
        var errors = Parse(sql);
        Assert.True(errors.Count == 0,
            $"{what} does not parse as T-SQL: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}{Environment.NewLine}{sql}");
    }

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
