using System.Net;

using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using Scheduling.TestSupport.Databases;
using Scheduling.Web.Composition;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Security;

/// <summary>On an app of its own (<see cref="OwnWebApp"/>): see <see cref="Production.HealthEndpointsTests"/>.</summary>
public sealed class HealthTests(OwnWebApp app) : IClassFixture<OwnWebApp>
{
    [Fact]
    public async Task Health_WithDatabaseReachable_Returns200Anonymously()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await HealthReport.ReadAsync(response)).Status);
    }

    [Fact]
    public async Task Health_WhenTheDatabaseBecomesUnreachable_Returns503()
    {
        // An app of its own: this one loses its database after start-up.
        // Its own clock too: the database check's answer is kept a few seconds (DatabaseProbeCache), and
        // the clock moves past that before asking again, however fast or slow the machine is.
        var database = SqliteTestDatabase.Create();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = await WebApp.StartAsync(database, builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);

        // Pooled connections would keep the deleted file alive; a folder where the file was cannot be
        // opened as a database, even by root (whom file permissions would not stop).
        using (var pooled = new SqliteConnection(database.ConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        foreach (var file in Directory.GetFiles(database.Folder, "scheduling.db*"))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(database.FilePath);
        clock.Advance(DatabaseProbeCache.KeptFor);

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await HealthReport.ReadAsync(response);
        Assert.Equal("Unhealthy", report.Status);
        Assert.Equal("Unhealthy", Assert.Single(report.Checks, c => c.Name == "database").Status);
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }
}
