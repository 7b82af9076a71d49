using System.Net;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// The health endpoints on an app of their own (<see cref="OwnWebApp"/>): "Healthy" is a statement about
/// the whole app, and the shared app's queued emails make it Degraded once a run is longer than the
/// backlog limit.
/// </summary>
public sealed class HealthEndpointsTests(OwnWebApp app) : IClassFixture<OwnWebApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task HealthEndpoints_AnswerHealthyAnonymouslyOverPlainHttp(string path)
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", (await HealthReport.ReadAsync(response)).Status);
    }

    [Fact]
    public async Task Ready_NamesEachCheck_WithItsStatusDescriptionAndDuration()
    {
        using var client = app.Factory.CreateClient();

        var report = await HealthReport.ReadAsync(await client.GetAsync("/health/ready", TestContext.Current.CancellationToken));

        Assert.Equal(["database", "outbox-backlog"], report.Checks.Select(c => c.Name).Order());
        Assert.All(report.Checks, check =>
        {
            Assert.Equal("Healthy", check.Status);
            Assert.False(string.IsNullOrWhiteSpace(check.Description), $"{check.Name} has no description.");
            Assert.True(check.DurationMs >= 0);
        });
    }

    [Fact]
    public async Task AMessageDueMoreThanFifteenMinutesAgoStillPending_MakesReadyDegraded_LiveStaysHealthy()
    {
        // Its own database: the backlog must not show in the shared app's health.
        await using var database = SqliteTestDatabase.Create();
        await using var factory = await WebApp.StartAsync(database);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.OutboxMessages.Add(OutboxMessage.Create(MessageKinds.PatientBooked, Guid.NewGuid(), 1, now.AddMinutes(-16)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var client = factory.CreateClient();

        var ready = await HealthReport.ReadAsync(await client.GetAsync("/health/ready", TestContext.Current.CancellationToken));
        Assert.Equal("Degraded", ready.Status);
        var backlog = Assert.Single(ready.Checks, c => c.Name == "outbox-backlog");
        Assert.Equal("Degraded", backlog.Status);
        Assert.Contains("1 message(s) due more than 15 minutes ago", backlog.Description, StringComparison.Ordinal);
        Assert.Equal("Degraded", (await HealthReport.ReadAsync(await client.GetAsync("/health", TestContext.Current.CancellationToken))).Status);
        Assert.Equal("Healthy", (await HealthReport.ReadAsync(await client.GetAsync("/health/live", TestContext.Current.CancellationToken))).Status);
    }
}
