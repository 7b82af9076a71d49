using System.Net;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// The mail server unreachable (SMTP on a loopback port nobody listens on): from the first failed try
/// /health/ready is Degraded, and once the emails have waited past MessageDelivery:AlertAfterMinutes the
/// schedulers' "Needs attention" says how many and since when, without a patient in the logs.
/// Its own app, database and clock: the backlog must not show in the shared app's health.
/// </summary>
public sealed class DelayedEmailTests
{
    [Fact]
    public async Task EmailsTheMailServerDoesNotTake_DegradeReadyAtTheFirstFailedTry_AndShowOnNeedsAttentionAfterTheAlertTime()
    {
        await using var database = SqliteTestDatabase.Create();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        await using var factory = await WebApp.StartAsync(database, builder =>
        {
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:Smtp:UseTls", "false");
            builder.UseSetting("Email:Smtp:TimeoutSeconds", "5");
            builder.UseSetting("Logging:LogLevel:Default", "Information");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        var booked = await TestData.BookAsync(factory.Services, clock.GetUtcNow().UtcDateTime.AddDays(10), firstName: "Philippa");
        var dueUtc = clock.GetUtcNow().UtcDateTime;
        var scheduler = await WebApp.CreateUserAsync(factory, Roles.Scheduler);
        Assert.Null((await AttentionAsync(factory, scheduler)).Document.QuerySelector("#delayed-messages"));

        // The booking's two emails due now (patient, doctor; the reminders are due days later) are each
        // tried once; the server cannot be reached.
        var queued = await WebApp.WithDbAsync(factory, db => db.OutboxMessages
            .Where(m => m.SubjectId == booked.BookingId && m.DueAtUtc <= dueUtc).Select(m => m.Id).ToListAsync());
        Assert.Equal(2, queued.Count);
        foreach (var id in queued)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            Assert.Equal(DispatchOutcome.WillRetry, await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(id, CancellationToken.None));
        }

        using var client = factory.CreateClient();
        var ready = await HealthReport.ReadAsync(await client.GetAsync("/health/ready", TestContext.Current.CancellationToken));
        Assert.Equal("Degraded", ready.Status);
        Assert.Contains("2 message(s) failed a delivery attempt", Assert.Single(ready.Checks, c => c.Name == "outbox-backlog").Description, StringComparison.Ordinal);
        Assert.Null((await AttentionAsync(factory, scheduler)).Document.QuerySelector("#delayed-messages"));

        // Just under the alert time: not yet. Past it: the alert, with the count and when the oldest was due.
        clock.Advance(TimeSpan.FromMinutes(MessageDeliveryPolicy.DefaultAlertAfterMinutes) - TimeSpan.FromSeconds(1));
        Assert.Null((await AttentionAsync(factory, scheduler)).Document.QuerySelector("#delayed-messages"));
        clock.Advance(TimeSpan.FromSeconds(2));
        var attention = await AttentionAsync(factory, scheduler);

        Assert.Equal(HttpStatusCode.OK, attention.Status);
        var alert = attention.Document.QuerySelector("#delayed-messages");
        Assert.NotNull(alert);
        Assert.Equal("Emails are not going out", alert.QuerySelector("h2")?.TextContent);
        Assert.StartsWith("2 emails due more than 30 minutes ago have not been delivered", Normalize(alert.QuerySelector("p")?.TextContent));
        var clinicTime = factory.Services.GetRequiredService<ClinicTime>();
        Assert.Equal(ClinicFormats.DayAndTime(clinicTime.ToLocal(dueUtc), clinicTime), alert.QuerySelector(".delayed-since")?.TextContent);
        Assert.DoesNotContain("Philippa", alert.TextContent, StringComparison.Ordinal);

        // What went to the logs about it names messages by id, never the patient.
        Assert.Contains(logs.Lines, l => l.Category.EndsWith(nameof(OutboxDispatcher), StringComparison.Ordinal) && l.Level == LogLevel.Warning);
        Assert.DoesNotContain(logs.Lines, l => l.AllText.Contains("Philippa", StringComparison.Ordinal) || l.AllText.Contains(booked.PatientEmail, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Signed in afresh each time: the clock moves past the idle timeout between looks.</summary>
    private static async Task<Page> AttentionAsync(SchedulingWebFactory factory, TestUser scheduler)
    {
        using var browser = WebApp.CreateClient(factory);
        await browser.LoginAsync(scheduler);
        return await browser.GetAsync("/scheduling/attention");
    }

    private static string Normalize(string? text) => string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
