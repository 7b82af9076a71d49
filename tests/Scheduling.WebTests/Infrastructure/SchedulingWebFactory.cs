using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

using Scheduling.TestSupport.Databases;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// The real app (Program.cs) on its own SQLite file, in environment "Testing": no demo accounts, no
/// Hangfire server; settings go in through UseSetting so Program sees them while building.
/// </summary>
public sealed class SchedulingWebFactory(SqliteTestDatabase database) : WebApplicationFactory<Program>
{
    public SqliteTestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Scheduling", Database.ConnectionString);
        builder.UseSetting("Storage:DataFolder", Database.Folder);
        builder.UseSetting("Jobs:RunServer", "false");

        // All test requests share one (unknown) client address; the sign-in limit is not under test here.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        // Output is shown for failed tests only; keep it to what explains a failure.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}