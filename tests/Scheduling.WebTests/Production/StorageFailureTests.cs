using System.Net;

using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using Scheduling.Application.Common.Security;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Composition;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// Storage really broken under the running app: /health/ready turns Unhealthy (503) with a reason an
/// operator can act on while /health/live stays up (the process is fine; the load balancer stops
/// sending work), and turns Healthy again once the disk is fixed, without a restart. Each test has its
/// own app, database and clock (the probe's answer is kept a few seconds; the clock moves past that).
/// </summary>
public sealed class StorageFailureTests
{
    [Fact]
    public async Task ADatabaseFileThatCannotBeWritten_MakesReadyUnhealthy_AndItRecoversWhenWritableAgain()
    {
        await using var database = SqliteTestDatabase.Create();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = await WebApp.StartAsync(database, builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateClient();
        Assert.Equal("Healthy", (await ReadyAsync(client)).Report.Status);
        var scheduler = await WebApp.CreateUserAsync(factory, Roles.Scheduler);

        await StorageFaults.MakeReadOnlyAsync(database.FilePath);
        try
        {
            // As a read-only remount would: the connections already open lose their write access too.
            using (var connection = new SqliteConnection(database.ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            clock.Advance(DatabaseProbeCache.KeptFor);
            var (status, report) = await ReadyAsync(client);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", report.Status);
            var check = Assert.Single(report.Checks, c => c.Name == "database");
            Assert.Equal("Unhealthy", check.Status);
            Assert.Contains("refuses writes: its file is read-only", check.Description, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);

            // Staff meet it as a page that says what is wrong (signing in writes the session), not a 500.
            using var browser = WebApp.CreateClient(factory);
            var signIn = await browser.LoginAsync(scheduler);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.Status);
            Assert.Equal("Saving is not possible right now", signIn.Document.QuerySelector("h1")?.TextContent);
            Assert.Matches("^[0-9a-f]{32}$", signIn.Document.QuerySelector("main code")?.TextContent ?? string.Empty);
            Assert.DoesNotContain("SqliteException", signIn.Body, StringComparison.Ordinal);
        }
        finally
        {
            await StorageFaults.MakeWritableAsync(database.FilePath);
        }

        clock.Advance(DatabaseProbeCache.KeptFor);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await StatusAsync(client));
    }

    [Fact]
    public async Task AFullDisk_MakesReadyUnhealthy_AndItRecoversWhenSpaceIsFreed()
    {
        await using var database = SqliteTestDatabase.Create();
        await StorageFaults.MountSmallDiskAsync(database.Folder, megabytes: 48);
        try
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using (var factory = await WebApp.StartAsync(database, builder =>
            {
                builder.UseSetting("Storage:MinimumFreeMegabytes", "16");
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
            }))
            {
                using var client = factory.CreateClient();
                Assert.Equal((HttpStatusCode.OK, "Healthy"), await StatusAsync(client));

                var filler = StorageFaults.FillDisk(database.Folder);
                clock.Advance(DatabaseProbeCache.KeptFor);
                var (status, report) = await ReadyAsync(client);

                Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
                var check = Assert.Single(report.Checks, c => c.Name == "database");
                Assert.Equal("Unhealthy", check.Status);
                Assert.Contains("The disk holding the database has 0 MB free, below the 16 MB", check.Description, StringComparison.Ordinal);

                File.Delete(filler);
                clock.Advance(DatabaseProbeCache.KeptFor);
                Assert.Equal((HttpStatusCode.OK, "Healthy"), await StatusAsync(client));
            }

            using var connection = new SqliteConnection(database.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        finally
        {
            await StorageFaults.UnmountAsync(database.Folder);
        }
    }

    private static async Task<(HttpStatusCode Status, HealthJson Report)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var status = response.StatusCode;
        return (status, await HealthReport.ReadAsync(response));
    }

    private static async Task<(HttpStatusCode, string)> StatusAsync(HttpClient client)
    {
        var (status, report) = await ReadyAsync(client);
        return (status, report.Status);
    }
}
