using System.Collections.Concurrent;

using Hangfire;
using Hangfire.AspNetCore;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// The real app (Program.cs) on its own SQLite file, in environment "Testing": no demo accounts, no
/// Hangfire server; settings go in through UseSetting so Program sees them while building.
/// </summary>
public sealed class SchedulingWebFactory(SqliteTestDatabase database, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    // Hangfire keeps its log provider in a static that the last host to start sets to its own logger
    // factory. When a test's extra host is disposed, the hosts still running get it back, or every
    // job enqueued afterwards (a booking's outbox dispatch) fails on a disposed logger factory.
    private static readonly ConcurrentDictionary<SchedulingWebFactory, bool> Running = new();

    public SqliteTestDatabase Database { get; } = database;

    public void MarkStarted() => Running[this] = true;

    public override async ValueTask DisposeAsync()
    {
        Running.TryRemove(this, out _);
        await base.DisposeAsync();
        if (Running.Keys.FirstOrDefault() is { } survivor)
        {
            GlobalConfiguration.Configuration.UseLogProvider(
                new AspNetCoreLogProvider(survivor.Services.GetRequiredService<ILoggerFactory>()));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Scheduling", Database.ConnectionString);
        builder.UseSetting("Storage:DataFolder", Database.Folder);
        builder.UseSetting("Jobs:RunServer", "false");

        // All test requests share one (unknown) client address; the sign-in limit is not under test here.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:AccountRequestsPerMinute", "100000");
        // Output is shown for failed tests only; keep it to what explains a failure.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // No Hangfire server runs here, and Hangfire's client logs through a process-wide provider that
        // points at whichever test app started last: once that app is disposed, enqueueing from this
        // one would throw. Jobs are recorded instead; tests run them (the outbox dispatcher) themselves.
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IBackgroundJobs>();
            services.AddSingleton<IBackgroundJobs, RecordingBackgroundJobs>();
        });

        // A test's own app: another environment, settings or clock (applied last, so it wins).
        configure?.Invoke(builder);
    }
}
