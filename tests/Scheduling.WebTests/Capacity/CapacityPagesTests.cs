using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Capacity;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Capacity;

/// <summary>
/// Its own app and database: a recovery unit or a physician added here would make every booking in the
/// shared app need one.
/// </summary>
public sealed class CapacityApp : IAsyncLifetime
{
    public SchedulingWebFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Factory = await WebApp.StartAsync(SqliteTestDatabase.Create());

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }
}

public sealed class CapacityPagesTests(CapacityApp app) : IClassFixture<CapacityApp>
{
    [Fact]
    public async Task Admin_AddsBaysAndAPhysicianWithAWeeklyMeeting_AndThePhysicianManagesTheirOwnTimeAway()
    {
        var admin = await WebApp.CreateUserAsync(app.Factory, Roles.Admin);
        var lee = await WebApp.CreateUserAsync(app.Factory, Roles.Radiologist);
        var other = await WebApp.CreateUserAsync(app.Factory, Roles.Radiologist);
        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(admin);

        var index = await browser.GetAsync("/admin/capacity");
        Assert.Equal(HttpStatusCode.OK, index.Status);
        PageRules.AssertEveryInputIsLabelled(index);

        var refused = await browser.SubmitAsync(index, index.FormWithField("NewResource.Name"), new Dictionary<string, string>
        {
            ["NewResource.Kind"] = nameof(ResourceKind.RecoveryUnit),
            ["NewResource.Name"] = "Day unit",
            ["NewResource.Bays"] = "0",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("number of bays", refused.FieldMessage("NewResource.Bays"), StringComparison.Ordinal);
        PageRules.AssertEveryInputIsLabelled(refused);

        var unit = await browser.SubmitAsync(index, index.FormWithField("NewResource.Name"), new Dictionary<string, string>
        {
            ["NewResource.Kind"] = nameof(ResourceKind.RecoveryUnit),
            ["NewResource.Name"] = "Day unit",
            ["NewResource.Bays"] = "2",
        });
        Assert.Equal(HttpStatusCode.OK, unit.Status);
        Assert.Contains("Recovery unit, 2 bays", unit.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        PageRules.AssertEveryInputIsLabelled(unit);

        var physician = await browser.SubmitAsync(index, index.FormWithField("NewResource.Name"), new Dictionary<string, string>
        {
            ["NewResource.Kind"] = nameof(ResourceKind.Physician),
            ["NewResource.Name"] = "Dr Lee",
            ["NewResource.UserId"] = lee.Id,
        });
        Assert.Equal(HttpStatusCode.OK, physician.Status);
        var nextTuesday = NextTuesday(app.Factory.Services.GetRequiredService<TimeProvider>());
        var entered = await browser.SubmitAsync(physician, physician.FormWithField("Away.Date"), new Dictionary<string, string>
        {
            ["Away.Date"] = nextTuesday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Away.From"] = "13:00",
            ["Away.To"] = "17:00",
            ["Away.Kind"] = nameof(UnavailabilityKind.Meeting),
            ["Away.Note"] = "Tumour board",
            ["Away.RepeatWeeks"] = "4",
        });
        Assert.Equal(HttpStatusCode.OK, entered.Status);
        Assert.Equal(4, entered.Document.QuerySelectorAll("tbody tr").Count(r => r.TextContent.Contains("Meeting: Tumour board (weekly)", StringComparison.Ordinal)));

        var listed = await browser.GetAsync("/admin/capacity");
        Assert.Contains("signs in as Test Radiologist", listed.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // The physician themself: their own page, nothing else.
        using var leeBrowser = WebApp.CreateClient(app.Factory);
        await leeBrowser.LoginAsync(lee);
        var mine = await leeBrowser.GetAsync("/my-availability");
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        PageRules.AssertEveryInputIsLabelled(mine);
        Assert.Null(mine.Document.QuerySelector("[name='Change.Name']"));
        var removeForms = mine.Document.QuerySelectorAll("form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>()
            .Where(f => f.Action.Contains("/remove", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, removeForms.Count);
        var afterRemove = await leeBrowser.SubmitAsync(mine, removeForms[0], new Dictionary<string, string>());
        Assert.Equal("/my-availability", afterRemove.Url.AbsolutePath);
        Assert.Equal(3, afterRemove.Document.QuerySelectorAll("tbody tr").Length);

        var resourceId = await WithDbAsync(db => db.Resources.Where(r => r.UserId == lee.Id).Select(r => r.Id).SingleAsync());
        Assert.Equal(3, await WithDbAsync(db => db.Unavailabilities.CountAsync(u => u.ResourceId == resourceId)));
        var leeAdminPage = await leeBrowser.GetAsync($"/admin/capacity/{resourceId}");
        Assert.NotEqual(HttpStatusCode.OK, leeAdminPage.Status);

        using var otherBrowser = WebApp.CreateClient(app.Factory);
        await otherBrowser.LoginAsync(other);
        var notLinked = await otherBrowser.GetAsync("/my-availability");
        Assert.Equal(HttpStatusCode.NotFound, notLinked.Status);
        var otherMine = await leeBrowser.GetAsync("/my-availability");
        var theirs = otherMine.Document.QuerySelectorAll("form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>()
            .First(f => f.Action.Contains("/remove", StringComparison.Ordinal));
        var otherHome = await otherBrowser.GetAsync("/");
        var token = otherHome.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var foreign = await otherBrowser.PostWithoutFormAsync(new Uri(theirs.Action).AbsolutePath, new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(3, await WithDbAsync(db => db.Unavailabilities.CountAsync(u => u.ResourceId == resourceId)));
    }

    [Fact]
    public async Task Template_RecoveryOutsideItsRange_IsRefusedBesideTheField_AndAValidOneIsSaved()
    {
        var admin = await WebApp.CreateUserAsync(app.Factory, Roles.Admin);
        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(admin);
        var index = await browser.GetAsync("/admin/capacity");

        var refused = await browser.SubmitAsync(index, index.FormWithField("Requirements.RecoveryMinutes"), new Dictionary<string, string>
        {
            ["Requirements.RecoveryMinutes"] = "10",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("Recovery must be between", refused.FieldMessage("Requirements.RecoveryMinutes"), StringComparison.Ordinal);

        var saved = await browser.SubmitAsync(index, index.FormWithField("Requirements.RecoveryMinutes"), new Dictionary<string, string>
        {
            ["Requirements.RecoveryMinutes"] = "180",
            ["Requirements.SedationNurse"] = "false",
        });
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        var template = await WithDbAsync(db => db.ProcedureRequirements.SingleAsync(r => r.Id == ProcedureRequirements.TheId));
        Assert.Equal(180, template.RecoveryMinutes);
        Assert.False(template.RequiresSedationNurse);
        Assert.True(template.RequiresRecoveryBay);
    }

    private Task<T> WithDbAsync<T>(Func<Scheduling.Infrastructure.Persistence.ApplicationDbContext, Task<T>> action) => WebApp.WithDbAsync(app.Factory, action);

    private static DateOnly NextTuesday(TimeProvider clock)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(2);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
