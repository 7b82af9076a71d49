using System.Net;

using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Composition;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

public sealed class SeveralInstancesTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    public async Task TwoInstancesStartingAtOnceOnOneEmptyDatabase_BothBecomeReady_AndSeedEverythingOnce(string environment)
    {
        // Their own empty database, and every seeder races: roles and demo rooms in both; demo
        // accounts in Development; the bootstrap administrator elsewhere (Development has the demo admin).
        await using var database = SqliteTestDatabase.Create();
        void Racing(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Demo:SeedSchedule", "true");
            builder.UseSetting("Bootstrap:AdminEmail", "it@clinic.example");
            builder.UseSetting("Bootstrap:AdminPassword", "a long bootstrap passphrase");
        }

        var first = new SchedulingWebFactory(database, Racing);
        var second = new SchedulingWebFactory(database, Racing);
        try
        {
            await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));
            first.MarkStarted();
            second.MarkStarted();

            foreach (var instance in new[] { first, second })
            {
                using var client = instance.CreateClient();
                var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            Assert.Equal(
                DemoScheduleSeeder.DemoRooms.Order(),
                (await db.Rooms.Select(r => r.Name).ToListAsync(TestContext.Current.CancellationToken)).Order());
            var expectedUsers = environment == "Development"
                ? IdentitySeeder.DemoAccounts.Select(a => a.Email).ToList()
                : ["it@clinic.example"];
            Assert.Equal(
                expectedUsers.Order(),
                (await db.Users.Select(u => u.Email!).ToListAsync(TestContext.Current.CancellationToken)).Order());
            Assert.Equal(Scheduling.Application.Common.Security.Roles.All.Count, await db.Roles.CountAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
