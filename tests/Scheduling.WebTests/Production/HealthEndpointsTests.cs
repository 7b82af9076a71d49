using System.Net;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

public sealed class HealthEndpointsTests(WebApp app)
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
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
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

        Assert.Equal("Degraded", await client.GetStringAsync("/health/ready", TestContext.Current.CancellationToken));
        Assert.Equal("Degraded", await client.GetStringAsync("/health", TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live", TestContext.Current.CancellationToken));
    }
}
