using System.Diagnostics;
using System.Net;

using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Npgsql;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Rooms;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Slots;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.ScaleOut;

/// <summary>
/// Several instances proven on real processes: two copies of the built app on one PostgreSQL
/// database (<see cref="ScaleOutCluster"/>), driven over HTTP with real sign-in and antiforgery
/// tokens, mail counted at loopback SMTP servers by Message-ID. Slots are placed weeks ahead of the
/// system clock the instances run on, in rooms each test creates, so nothing depends on the order
/// the tests run in. Figures (rounds, outcomes, durations) go to the test output.
/// </summary>
public sealed class ScaleOutTests(ScaleOutCluster cluster) : IClassFixture<ScaleOutCluster>
{
    private const int Racers = 50;
    private const int RaceRounds = 10;
    private const int SessionsPerInstance = 4;
    private const int Bookings = 200;

    private static readonly TimeOnly[] DayStarts = [new(7, 30), new(9, 30), new(11, 30), new(13, 30)];

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    private ClinicTime ClinicTime => cluster.App.Services.GetRequiredService<ClinicTime>();

    [Fact]
    public async Task FiftySchedulersOnTwoInstancesBookOneSlotAtOnce_ExactlyOneWinsAndTheRestGetTheConflictMessage_TenTimesOver()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        var sessions = new List<(Browser Browser, WebInstance Instance)>();
        try
        {
            for (var i = 0; i < SessionsPerInstance; i++)
            {
                sessions.Add((await cluster.SignedInSchedulerAsync(cluster.A), cluster.A));
                sessions.Add((await cluster.SignedInSchedulerAsync(cluster.B), cluster.B));
            }

            var conflicts = 0;
            var durations = new List<TimeSpan>();
            for (var round = 0; round < RaceRounds; round++)
            {
                var (scenario, slots) = await SeedAsync(Racers, slots: 1, firstDay: 14 + round);
                var slot = slots[0];

                // Every racer has a booking page of its own referral, fetched from its instance;
                // racer i posts through session i mod 8, so the posts alternate between A and B.
                var forms = new List<(Browser Browser, HtmlPage Page)>();
                for (var i = 0; i < Racers; i++)
                {
                    var (browser, instance) = sessions[i % sessions.Count];
                    var page = await browser.GetAsync(new Uri(instance.BaseAddress, $"scheduling/referrals/{scenario.Referrals[i].Id}/book?roomId={scenario.Room.Id}"));
                    Assert.Equal(HttpStatusCode.OK, page.Status);
                    forms.Add((browser, page));
                }

                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var posts = forms.Select(async f =>
                {
                    await gate.Task;
                    return await f.Browser.SubmitAsync(f.Page, "SlotId", new Dictionary<string, string> { ["SlotId"] = slot.Id.ToString() }, followRedirects: false);
                }).ToList();
                var watch = Stopwatch.StartNew();
                gate.SetResult();
                var responses = await Task.WhenAll(posts);
                durations.Add(watch.Elapsed);

                Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.Redirect or HttpStatusCode.Conflict,
                    $"Round {round + 1}: {(int)r.Status} from {r.Url}{Environment.NewLine}{cluster.Logs}"));
                var winner = Assert.Single(responses, r => r.Status == HttpStatusCode.Redirect);
                Assert.StartsWith("/scheduling/bookings/", winner.Location?.OriginalString, StringComparison.Ordinal);
                var losers = responses.Where(r => r != winner).ToList();
                Assert.All(losers, r => Assert.Contains(BookingRules.SlotTakenMessage, r.AlertText, StringComparison.Ordinal));
                conflicts += losers.Count;

                var booked = await cluster.App.WithDbAsync(db => db.Bookings.AsNoTracking().Where(b => b.SlotId == slot.Id).ToListAsync());
                var booking = Assert.Single(booked);
                Assert.Equal(BookingStatus.PendingConfirmation, booking.Status);
                var scheduled = await cluster.App.WithDbAsync(db => db.Referrals.AsNoTracking()
                    .CountAsync(r => scenario.Referrals.Select(x => x.Id).Contains(r.Id) && r.Status == ReferralStatus.Scheduled));
                Assert.Equal(1, scheduled);
            }

            Report($"Race: {RaceRounds} rounds x {Racers} posts over 2 instances: {RaceRounds} bookings, {conflicts} conflict answers, 0 errors; " +
                $"round time min {durations.Min().TotalMilliseconds:F0} ms, max {durations.Max().TotalMilliseconds:F0} ms, total {durations.Sum(d => d.TotalMilliseconds):F0} ms.");
        }
        finally
        {
            sessions.ForEach(s => s.Browser.Dispose());
        }
    }

    [Fact]
    public async Task TwoHundredBookingsOverBothInstances_OneKilledWhileSending_EveryBookingGetsExactlyItsMessagesOnce()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        var watch = Stopwatch.StartNew();
        var (scenario, slots) = await SeedAsync(Bookings, slots: Bookings, firstDay: 40);

        // A's mail server takes a few messages, then leaves every further one waiting for its answer:
        // A is then certainly in the middle of sending, and nothing it is sending has been accepted.
        const int acceptedFromABeforeTheKill = 10;
        cluster.SmtpA.HoldAfter(acceptedFromABeforeTheKill);
        var bookingIds = new Guid[Bookings];
        try
        {
            using var onA = await cluster.SignedInSchedulerAsync(cluster.A);
            using var onB = await cluster.SignedInSchedulerAsync(cluster.B);
            using var parallel = new SemaphoreSlim(8);
            await Task.WhenAll(Enumerable.Range(0, Bookings).Select(async i =>
            {
                await parallel.WaitAsync();
                try
                {
                    var (browser, instance) = i % 2 == 0 ? (onA, cluster.A) : (onB, cluster.B);
                    var page = await browser.GetAsync(new Uri(instance.BaseAddress, $"scheduling/referrals/{scenario.Referrals[i].Id}/book?roomId={scenario.Room.Id}"));
                    var posted = await browser.SubmitAsync(page, "SlotId", new Dictionary<string, string> { ["SlotId"] = slots[i].Id.ToString() }, followRedirects: false);
                    Assert.True(posted.Status == HttpStatusCode.Redirect, $"Booking {i} on {instance.Name}: {(int)posted.Status} {posted.AlertText}");
                    bookingIds[i] = Guid.Parse(posted.Location!.OriginalString.Split('/')[^1]);
                }
                finally
                {
                    parallel.Release();
                }
            }));
            var booked = watch.Elapsed;

            await cluster.SmtpA.WaitForHeldAsync(ScaleOutCluster.WorkersPerInstance, TimeSpan.FromMinutes(2));
            var inFlight = cluster.SmtpA.HeldCount;
            Assert.True(inFlight >= ScaleOutCluster.WorkersPerInstance, $"Only {inFlight} of A's sends were waiting when A was to be killed.");
            var deliveredBeforeKill = cluster.Received.Count;
            cluster.A.Kill();
            var killedAt = watch.Elapsed;

            // B finishes alone: its own dispatch jobs, the jobs A had queued, and (through the minutely
            // sweeper, once A's claims lapse) the messages A was sending when it died.
            // What booking sends at once: the patient's confirmation request and the doctor's notice
            // (the reminders wait for their time, weeks ahead).
            string[] sentAtOnce = [MessageKinds.DoctorBooked, MessageKinds.PatientBooked];
            var expected = await cluster.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
                .Where(m => bookingIds.Contains(m.SubjectId) && sentAtOnce.Contains(m.Kind))
                .Select(m => new { m.Id, m.SubjectId, m.Kind })
                .ToListAsync());
            Assert.Equal(Bookings * 2, expected.Count);
            var options = new EmailOptions();
            var expectedIds = expected.ToDictionary(m => OutboxDispatcher.MessageIdFor(m.Id, options), m => m);
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (DateTime.UtcNow < deadline && expectedIds.Keys.Except(cluster.Received.Select(r => r.MessageId ?? string.Empty)).Any())
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }

            var received = cluster.Received.Where(m => m.MessageId is not null && expectedIds.ContainsKey(m.MessageId)).ToList();
            var missing = expectedIds.Keys.Except(received.Select(r => r.MessageId)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {expectedIds.Count} messages never arrived.");
            var twice = received.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ToList();
            Assert.True(twice.Count == 0, $"{twice.Count} messages arrived more than once.");
            Assert.All(bookingIds, id => Assert.Equal(
                sentAtOnce, expected.Where(m => m.SubjectId == id).Select(m => m.Kind).Order(StringComparer.Ordinal)));
            var statuses = await cluster.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
                .Where(m => bookingIds.Contains(m.SubjectId) && sentAtOnce.Contains(m.Kind)).Select(m => m.Status).ToListAsync());
            Assert.All(statuses, s => Assert.Equal(OutboxStatus.Sent, s));

            var fromA = cluster.SmtpA.Received.Count(m => m.MessageId is not null && expectedIds.ContainsKey(m.MessageId));
            Report($"Kill: {Bookings} bookings over 2 instances in {booked.TotalSeconds:F1} s; A killed at {killedAt.TotalSeconds:F1} s with " +
                $"{inFlight} sends in flight and {deliveredBeforeKill} messages delivered; all {received.Count} of " +
                $"{expectedIds.Count} messages delivered once ({fromA} by A, {received.Count - fromA} by B) after {watch.Elapsed.TotalSeconds:F1} s; 0 lost, 0 twice.");
        }
        finally
        {
            cluster.SmtpA.HoldAfter(int.MaxValue);
            if (cluster.A.HasExited)
            {
                await cluster.RestartAAsync();
            }
        }
    }

    /// <summary>
    /// Texts go through the same outbox as email, so a killed sender loses none. A text has no
    /// Message-ID a phone could recognise: what A's provider had accepted but A never heard back about
    /// (one per busy worker at the moment of the kill) is sent again by B once A's claims lapse. That is
    /// the outbox's at-least-once, and the test holds the duplicates to exactly that bound.
    /// </summary>
    [Fact]
    public async Task TextsOverBothInstances_OneKilledWhileTexting_NoneIsLost_AndOnlyTheTextsInFlightAreSentTwice()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        var watch = Stopwatch.StartNew();
        const int patients = 60;
        var (scenario, slots) = await SeedAsync(patients, slots: patients, firstDay: 70);
        var mobiles = await cluster.App.WithDbAsync(async db =>
        {
            var ids = scenario.Referrals.Select(r => r.Id).ToList();
            var referrals = await db.Referrals.Where(r => ids.Contains(r.Id)).ToListAsync();
            var numbers = new Dictionary<Guid, string>();
            for (var i = 0; i < referrals.Count; i++)
            {
                numbers[referrals[i].Id] = $"+1617555{2000 + i}";
                referrals[i].ChangeTextSettings(numbers[referrals[i].Id], consent: true, Now);
            }

            await db.SaveChangesAsync();
            return numbers;
        });

        // A's provider accepts a few texts, then records each further one but keeps its answer back:
        // A is then certainly waiting on texts the provider has already sent.
        const int acceptedFromABeforeTheKill = 5;
        cluster.TextsA.HoldAfter(acceptedFromABeforeTheKill);
        try
        {
            using var onA = await cluster.SignedInSchedulerAsync(cluster.A);
            using var onB = await cluster.SignedInSchedulerAsync(cluster.B);
            for (var i = 0; i < patients; i++)
            {
                var (browser, instance) = i % 2 == 0 ? (onA, cluster.A) : (onB, cluster.B);
                var page = await browser.GetAsync(new Uri(instance.BaseAddress, $"scheduling/referrals/{scenario.Referrals[i].Id}/book?roomId={scenario.Room.Id}"));
                var posted = await browser.SubmitAsync(page, "SlotId", new Dictionary<string, string> { ["SlotId"] = slots[i].Id.ToString() }, followRedirects: false);
                Assert.True(posted.Status == HttpStatusCode.Redirect, $"Booking {i} on {instance.Name}: {(int)posted.Status} {posted.AlertText}");
            }

            await cluster.TextsA.WaitForHeldAsync(ScaleOutCluster.WorkersPerInstance, TimeSpan.FromMinutes(2));
            var inFlight = cluster.TextsA.HeldCount;
            Assert.True(inFlight >= 1, "A was not waiting on any text when it was to be killed.");
            var sentBeforeKill = cluster.Texts.Count;
            cluster.A.Kill();
            var killedAt = watch.Elapsed;
            cluster.TextsA.Release();

            // Settled when every patient has a text and no text row is still being sent: a text A was
            // waiting on already reached its patient, but its row stays "Sending" until A's claim lapses
            // (ClaimTimeoutSeconds) and B sends it again, and only then is the duplicate counted.
            var referralIds = scenario.Referrals.Select(r => r.Id).ToList();
            Task<List<OutboxStatus>> TextStatusesAsync() => cluster.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
                .Where(m => m.Kind == MessageKinds.PatientBookedText && db.Bookings.Any(b => b.Id == m.SubjectId && referralIds.Contains(b.ReferralId)))
                .Select(m => m.Status).ToListAsync());
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (DateTime.UtcNow < deadline
                && (mobiles.Values.Except(cluster.Texts.Select(t => t.To)).Any() || (await TextStatusesAsync()).Any(s => s is OutboxStatus.Pending or OutboxStatus.Sending)))
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }

            var perPatient = mobiles.Values.ToDictionary(m => m, m => cluster.Texts.Count(t => t.To == m));
            var lost = perPatient.Where(p => p.Value == 0).Select(p => p.Key).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {patients} patients never got their text.");
            var duplicates = perPatient.Values.Sum(n => n - 1);
            Assert.True(duplicates <= inFlight, $"{duplicates} texts were sent twice, more than the {inFlight} that were in flight when A was killed.");
            Assert.All(perPatient.Values, n => Assert.InRange(n, 1, 2));
            var statuses = await TextStatusesAsync();
            Assert.Equal(patients, statuses.Count);
            Assert.All(statuses, s => Assert.Equal(OutboxStatus.Sent, s));

            var byA = cluster.TextsA.Texts.Count;
            Report($"Texts kill: {patients} texting patients booked over 2 instances; A killed at {killedAt.TotalSeconds:F1} s with {inFlight} texts in flight " +
                $"(accepted by its provider, unanswered) and {sentBeforeKill} texts sent; every patient got the text ({byA} through A's provider, " +
                $"{cluster.TextsB.Texts.Count} through B's) after {watch.Elapsed.TotalSeconds:F1} s; 0 lost, {duplicates} sent twice (bound: {inFlight}).");
        }
        finally
        {
            cluster.TextsA.Release();
            if (cluster.A.HasExited)
            {
                await cluster.RestartAAsync();
            }
        }
    }

    [Fact]
    public async Task ASchedulerSignedInOnInstanceA_UsesTheSameCookieAndAntiforgeryTokenOnInstanceB()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        var (scenario, slots) = await SeedAsync(referrals: 1, slots: 1, firstDay: 21);
        using var onA = await cluster.SignedInSchedulerAsync(cluster.A);
        var form = await onA.GetAsync(new Uri(cluster.A.BaseAddress, $"scheduling/referrals/{scenario.Referrals[0].Id}/book?roomId={scenario.Room.Id}"));
        Assert.Equal(HttpStatusCode.OK, form.Status);

        // B has never seen this browser: only the cookies A issued travel with it.
        using var onB = new Browser(onA.Cookies);
        var queue = await onB.GetAsync(new Uri(cluster.B.BaseAddress, "scheduling/bookings"), followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        var posted = await onB.SubmitAsync(form, "SlotId", new Dictionary<string, string> { ["SlotId"] = slots[0].Id.ToString() },
            followRedirects: false, target: cluster.B.BaseAddress);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.StartsWith("/scheduling/bookings/", posted.Location?.OriginalString, StringComparison.Ordinal);
        var booking = await cluster.App.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.SlotId == slots[0].Id));
        Assert.Equal(cluster.SchedulerEmail, booking.BookedBy);
    }

    [Fact]
    public async Task SigningOutOnInstanceA_MakesACopyOfTheCookieWorthlessOnInstanceB()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        using var onA = await cluster.SignedInSchedulerAsync(cluster.A);
        var copy = new System.Net.CookieContainer();
        copy.Add(onA.Cookies.GetAllCookies());
        using var thief = new Browser(copy);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(new Uri(cluster.B.BaseAddress, "scheduling/bookings"), followRedirects: false)).Status);

        // The header's sign-out form is the first form with an antiforgery token on every page.
        var page = await onA.GetAsync(new Uri(cluster.A.BaseAddress, "account/sessions"));
        var signedOut = await onA.SubmitAsync(page, "__RequestVerificationToken", new Dictionary<string, string>(), followRedirects: false);
        Assert.Equal("/account/login", signedOut.Location?.OriginalString);

        var replayed = await thief.GetAsync(new Uri(cluster.B.BaseAddress, "scheduling/bookings"), followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, replayed.Status);
        Assert.StartsWith("/account/login", new Uri(cluster.B.BaseAddress, replayed.Location!).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecurringJobsOnTwoInstances_RunOncePerSchedule_NoDuplicateSlotsNoDuplicateEscalations()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        var watch = Stopwatch.StartNew();
        var startedAt = Now;
        var today = ClinicTime.LocalDate(startedAt);

        // A room with a weekday template (its slots materialized by the save), and a booking the
        // patient has not confirmed for longer than the escalation allows.
        cluster.App.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        cluster.App.User.SignInAs("scale-out-admin", "admin@clinic.test", Roles.Admin, Roles.Scheduler);
        var roomId = (await cluster.App.SendAsync(new AddRoom.Command($"Scale-out {Guid.NewGuid():N}"[..30], "Floor 3"), TestContext.Current.CancellationToken)).Value;
        var week = GetRoomWeekTemplate.WeekOrder.Select(d => new SaveRoomWeekTemplate.Day(
            d, Open: d is not (DayOfWeek.Saturday or DayOfWeek.Sunday), FirstStart: new TimeOnly(7, 30),
            TurnoverMinutes: 30, RecoveryHours: 4, UnitCloses: new TimeOnly(19, 0))).ToList();
        var saved = await cluster.App.SendAsync(new SaveRoomWeekTemplate.Command(roomId, week), TestContext.Current.CancellationToken);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        var lastDay = today.AddDays(100);
        var slotsBefore = await SlotCountAsync(roomId, lastDay);
        Assert.True(slotsBefore > 0);
        var unconfirmed = await UnconfirmedBookingAsync();

        // Every minute instead of nightly / every quarter hour, in the shared Hangfire storage, as an
        // operator could: both instances' schedulers now compete for each occurrence.
        var ids = new[] { OutboxJobs.SweepJobId, MaterializeSlots.RecurringJobId, ConfirmationJobs.EscalationJobId };
        ScheduleEveryMinute();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(4);
            IReadOnlyList<(string JobId, DateTime Minute, int Runs)> occurrences = [];
            while (DateTime.UtcNow < deadline)
            {
                occurrences = await OccurrencesSinceAsync(startedAt);
                if (ids.All(id => occurrences.Count(o => o.JobId == id) >= 2))
                {
                    break;
                }

                await Task.Delay(500, TestContext.Current.CancellationToken);
            }

            Assert.All(ids, id => Assert.True(occurrences.Count(o => o.JobId == id) >= 2, $"{id} ran at fewer than two minutes."));
            Assert.All(occurrences, o => Assert.True(o.Runs == 1, $"{o.JobId} ran {o.Runs} times for {o.Minute:HH:mm}."));
            Assert.Equal(slotsBefore, await SlotCountAsync(roomId, lastDay));
            var notConfirmedNotes = await cluster.App.WithDbAsync(db => db.ReferralEvents.AsNoTracking()
                .CountAsync(e => e.ReferralId == unconfirmed.ReferralId && e.Kind == "NotConfirmed"));
            Assert.Equal(1, notConfirmedNotes);
            var escalated = await cluster.App.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == unconfirmed.Id));
            Assert.NotNull(escalated.EscalatedAtUtc);

            Report($"Recurring: {occurrences.Count} occurrences of {ids.Length} jobs over {watch.Elapsed.TotalSeconds:F0} s on 2 instances, " +
                $"each run once ({string.Join(", ", ids.Select(id => $"{id} x{occurrences.Count(o => o.JobId == id)}"))}); " +
                $"{slotsBefore} slots unchanged, 1 escalation.");
        }
        finally
        {
            RestoreSchedules();
        }
    }

    private async Task<(TestData.Scenario Scenario, List<Slot> Slots)> SeedAsync(int referrals, int slots, int firstDay)
    {
        var now = Now;
        var today = ClinicTime.LocalDate(now);
        return await cluster.App.WithDbAsync(async db =>
        {
            var scenario = await TestData.SeedAsync(db, now, referrals);
            var created = Enumerable.Range(0, slots)
                .Select(i => TestData.Slot(scenario.Room, ClinicTime, today.AddDays(firstDay + (i / DayStarts.Length)), DayStarts[i % DayStarts.Length], now))
                .ToList();
            db.Slots.AddRange(created);
            await db.SaveChangesAsync();
            return (scenario, created);
        });
    }

    private Task<int> SlotCountAsync(Guid roomId, DateOnly lastDay) =>
        cluster.App.WithDbAsync(db => db.Slots.AsNoTracking().CountAsync(s => s.RoomId == roomId && s.LocalDate <= lastDay));

    /// <summary>
    /// A pending booking made three days ago (written directly: booking in the past is refused) for a
    /// slot two days out: past both the grace after booking and the cut-off before the procedure, so overdue.
    /// </summary>
    private async Task<Booking> UnconfirmedBookingAsync()
    {
        var (scenario, slots) = await SeedAsync(referrals: 1, slots: 1, firstDay: 2);
        return await cluster.App.WithDbAsync(async db =>
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == scenario.Referrals[0].Id);
            var booking = Booking.Create(referral.Id, slots[0].Id, cluster.SchedulerEmail, null, Now.AddDays(-3));
            db.Bookings.Add(booking);
            referral.MarkScheduled("Scheduled three days ago.", Now.AddDays(-3), cluster.SchedulerEmail);
            await db.SaveChangesAsync();
            return booking;
        });
    }

    /// <summary>Each recurring job's runs since <paramref name="sinceUtc"/>, one row per scheduled minute, read from Hangfire's tables.</summary>
    private async Task<IReadOnlyList<(string JobId, DateTime Minute, int Runs)>> OccurrencesSinceAsync(DateTime sinceUtc)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT trim(both '"' from p.value), date_trunc('minute', j.createdat), count(*)
            FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId'
            WHERE j.createdat >= @since
            GROUP BY 1, 2
            """;
        command.Parameters.AddWithValue("since", sinceUtc);
        var rows = new List<(string, DateTime, int)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetDateTime(1), (int)reader.GetInt64(2)));
        }

        return rows;
    }

    /// <summary>
    /// Every minute for the three recurring jobs, written through Hangfire's own API to the shared
    /// storage (as an operator could from the dashboard's host); the instances' schedulers read it.
    /// </summary>
    private void ScheduleEveryMinute() => WithRecurringJobs(jobs =>
    {
        jobs.AddOrUpdate<OutboxJobs>(OutboxJobs.SweepJobId, j => j.Sweep(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<SlotJobs>(MaterializeSlots.RecurringJobId, j => j.Materialize(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ConfirmationJobs>(ConfirmationJobs.EscalationJobId, j => j.Escalate(CancellationToken.None), Cron.Minutely());
    });

    /// <summary>Puts the app's own schedules back, as every instance writes them at start-up.</summary>
    private void RestoreSchedules() => WithRecurringJobs(jobs =>
    {
        jobs.AddOrUpdate<OutboxJobs>(OutboxJobs.SweepJobId, j => j.Sweep(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<SlotJobs>(MaterializeSlots.RecurringJobId, j => j.Materialize(CancellationToken.None), Cron.Daily(2),
            new RecurringJobOptions { TimeZone = ClinicTime.Zone });
        jobs.AddOrUpdate<ConfirmationJobs>(ConfirmationJobs.EscalationJobId, j => j.Escalate(CancellationToken.None), ConfirmationJobs.EscalationCron);
    });

    private void WithRecurringJobs(Action<RecurringJobManager> change)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(cluster.Database.ConnectionString, options), options);
        change(new RecurringJobManager(storage));
    }

    private static void Report(string figures) => TestContext.Current.TestOutputHelper?.WriteLine(figures);
}
