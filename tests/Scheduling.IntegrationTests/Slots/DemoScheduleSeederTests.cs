using Mediator;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Slots;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Composition;

namespace Scheduling.IntegrationTests.Slots;

/// <summary>The Development demo schedule, each case on a fresh database because it only seeds when there are no rooms.</summary>
public sealed class DemoScheduleSeederTests
{
    [Fact]
    public async Task InDevelopmentWithTheSettingOn_SeedsTwoSuitesWithWeekdayTemplatesAndMaterializesTheirSlots()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var before = await app.SendAsync(new GetWeekCalendar.Query(null), TestContext.Current.CancellationToken);
        Assert.False(before.Value.AnyTemplates);

        await SeedAsync(app, Environments.Development, seed: "true");

        var rooms = await app.WithDbAsync(db => db.Rooms.AsNoTracking().OrderBy(r => r.Name).Select(r => r.Name).ToListAsync());
        Assert.Equal(["IR Suite 1", "IR Suite 2"], rooms);
        var templates = await app.WithDbAsync(db => db.RoomDayTemplates.AsNoTracking().ToListAsync());
        Assert.Equal(10, templates.Count);
        Assert.All(templates, t => Assert.Equal(
            new DayTemplate(t.Weekday, new TimeOnly(7, 30), 30, TimeSpan.FromHours(4), new TimeOnly(19, 0)), t.ToDayTemplate()));
        Assert.DoesNotContain(templates, t => t.Weekday is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(await app.WithDbAsync(db => db.Slots.CountAsync()) > 0);

        await SeedAsync(app, Environments.Development, seed: "true");
        Assert.Equal(2, await app.WithDbAsync(db => db.Rooms.CountAsync()));
    }

    [Theory]
    [InlineData("Production", "true")]
    [InlineData("Development", "false")]
    [InlineData("Development", null)]
    public async Task InProductionOrWithTheSettingOff_SeedsNothing(string environment, string? seed)
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);

        await SeedAsync(app, environment, seed);

        Assert.Equal(0, await app.WithDbAsync(db => db.Rooms.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Slots.CountAsync()));
    }

    private static async Task SeedAsync(TestApp app, string environment, string? seed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var demo = new DemoOptions { SeedSchedule = bool.TryParse(seed, out var on) && on };
        var seeder = new DemoScheduleSeeder(
            scope.ServiceProvider.GetRequiredService<IMediator>(),
            scope.ServiceProvider.GetRequiredService<IApplicationDbContext>(),
            demo,
            new Host(environment),
            NullLogger<DemoScheduleSeeder>.Instance);
        await seeder.SeedAsync(TestContext.Current.CancellationToken);
    }

    private sealed class Host(string environment) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = environment;

        public string ApplicationName { get; set; } = "Scheduling.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
