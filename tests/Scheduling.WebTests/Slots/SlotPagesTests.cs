using System.Net;

using AngleSharp.Html.Dom;

using Mediator;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Closures;
using Scheduling.Application.Features.Rooms;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Slots;

/// <summary>
/// The admin's template and closure forms and the scheduler's calendar and next-available pages,
/// through real forms. The app runs on the real clock, so dates are chosen relative to today.
/// </summary>
public sealed class SlotPagesTests(WebApp app)
{
    [Fact]
    public async Task Admin_SavesAWeekdayTemplateThroughTheGrid_AndSeesTheResultingSlotTimes()
    {
        var (roomId, _) = await AddRoomAsync();
        using var browser = await SignedInAsync(app.Admin);
        var page = await browser.GetAsync($"/admin/room-templates?roomId={roomId}");
        PageRules.AssertEveryInputIsLabelled(page);
        var form = page.FormWithField("Days[0].FirstStart");
        Check(form, "Days[0].Open");

        var saved = await browser.SubmitAsync(page, form, new Dictionary<string, string>
        {
            ["Days[0].FirstStart"] = "07:30",
            ["Days[0].TurnoverMinutes"] = "30",
            ["Days[0].RecoveryHours"] = "4",
            ["Days[0].UnitCloses"] = "19:00",
        });

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        var monday = saved.Document.QuerySelector("tr[data-weekday='Monday'] .slot-preview")!.TextContent.Trim();
        Assert.Equal("7:30 AM, 9:30 AM, 11:30 AM, 1:30 PM", monday);
        Assert.Contains("saved", saved.Document.QuerySelector("[role='status']")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        var template = await app.WithDbAsync(db => db.RoomDayTemplates.AsNoTracking().SingleAsync(t => t.RoomId == roomId));
        Assert.Equal(DayOfWeek.Monday, template.Weekday);
        Assert.True(await app.WithDbAsync(db => db.Slots.AnyAsync(s => s.RoomId == roomId)));
    }

    [Fact]
    public async Task Admin_SavesATemplateWhereNoSlotFits_Gets422WithTheMessageBesideUnitClosesAndNothingIsWritten()
    {
        var (roomId, _) = await AddRoomAsync();
        using var browser = await SignedInAsync(app.Admin);
        var page = await browser.GetAsync($"/admin/room-templates?roomId={roomId}");
        var form = page.FormWithField("Days[0].FirstStart");
        Check(form, "Days[0].Open");

        var refused = await browser.SubmitAsync(page, form, new Dictionary<string, string>
        {
            ["Days[0].FirstStart"] = "07:30",
            ["Days[0].UnitCloses"] = "12:00",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        // In the clinic's clock style (en-US here), as every other time on the page.
        var message = refused.FieldMessage("Days[0].UnitCloses");
        Assert.StartsWith("No slot fits: 7:30 AM plus 90 minutes", message, StringComparison.Ordinal);
        Assert.EndsWith("after the unit closes at 12:00 PM.", message, StringComparison.Ordinal);
        PageRules.AssertEveryInputIsLabelled(refused);
        Assert.False(await app.WithDbAsync(db => db.RoomDayTemplates.AnyAsync(t => t.RoomId == roomId)));
        Assert.False(await app.WithDbAsync(db => db.Slots.AnyAsync(s => s.RoomId == roomId)));
    }

    [Fact]
    public async Task Admin_AddsAClosureForOneRoom_SeesItsPage_AndTheRoomHasNoSlotsThatDay()
    {
        var (roomId, name) = await AddRoomWithWeekdayTemplateAsync();
        var day = NextWeekMonday().AddDays(1);
        using var browser = await SignedInAsync(app.Admin);
        var page = await browser.GetAsync("/admin/closures");
        PageRules.AssertEveryInputIsLabelled(page);

        var shown = await browser.SubmitAsync(page, page.FormWithField("NewClosure.Reason"), new Dictionary<string, string>
        {
            ["NewClosure.RoomId"] = roomId.ToString(),
            ["NewClosure.From"] = day.ToString("yyyy-MM-dd"),
            ["NewClosure.To"] = day.ToString("yyyy-MM-dd"),
            ["NewClosure.Reason"] = "C-arm service",
        });

        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Matches("^/admin/closures/[0-9a-f-]{36}$", shown.Url.AbsolutePath);
        Assert.Contains("C-arm service", shown.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(name, shown.Body, StringComparison.Ordinal);
        // Who added it, by name rather than by sign-in email.
        var addedBy = shown.Document.QuerySelectorAll("dt").Single(dt => dt.TextContent == "Added by").NextElementSibling!.TextContent;
        Assert.Equal("Test Admin", addedBy);
        Assert.False(await app.WithDbAsync(db => db.Slots.AnyAsync(s => s.RoomId == roomId && s.LocalDate == day)));
    }

    [Fact]
    public async Task Admin_AddsAClosureEndingBeforeItStarts_Gets422WithTheMessageBesideToAndNothingIsWritten()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        using var browser = await SignedInAsync(admin);
        var reason = $"Holiday {Guid.NewGuid():N}"[..20];
        var before = await ClosuresWrittenByAsync(admin, reason);
        var page = await browser.GetAsync("/admin/closures");
        var day = NextWeekMonday();

        var refused = await browser.SubmitAsync(page, page.FormWithField("NewClosure.Reason"), new Dictionary<string, string>
        {
            ["NewClosure.From"] = day.AddDays(2).ToString("yyyy-MM-dd"),
            ["NewClosure.To"] = day.ToString("yyyy-MM-dd"),
            ["NewClosure.Reason"] = reason,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("must end on or after", refused.FieldMessage("NewClosure.To"), StringComparison.Ordinal);
        PageRules.AssertEveryInputIsLabelled(refused);
        Assert.Equal(before, await ClosuresWrittenByAsync(admin, reason));
    }

    [Fact]
    public async Task Scheduler_SeesTheWeekWithFreeBookedInitialsAndClosedDays()
    {
        var (roomId, name) = await AddRoomWithWeekdayTemplateAsync();
        var monday = NextWeekMonday();
        var tuesday = monday.AddDays(1);
        var wednesday = monday.AddDays(2);
        var bookedSlot = await app.WithDbAsync(db => db.Slots.AsNoTracking()
            .Where(s => s.RoomId == roomId && s.LocalDate == tuesday).OrderBy(s => s.StartUtc).FirstAsync());
        await BookAsync(bookedSlot.Id, "Maria", "Lopez");
        await SendAsync(new AddClosure.Command(roomId, wednesday, wednesday, "Physician away"));
        using var browser = await SignedInAsync(app.Scheduler);

        var page = await browser.GetAsync($"/scheduling/calendar?week={tuesday:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = page.Document.QuerySelector($"tr[data-room='{name}']")!;
        var monCell = row.QuerySelector($"td[data-date='{monday:yyyy-MM-dd}']")!;
        var free = monCell.QuerySelectorAll("[data-slot-state='free']").Cast<IHtmlAnchorElement>().ToList();
        Assert.Equal(4, free.Count);
        Assert.StartsWith("7:30 AM E", free[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"/scheduling/book?slotId={await FirstSlotIdAsync(roomId, monday)}", free[0].GetAttribute("href"));
        var booked = row.QuerySelector($"td[data-date='{tuesday:yyyy-MM-dd}'] [data-slot-state='booked']")!;
        Assert.EndsWith("· ML", booked.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("Maria", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Lopez", page.Body, StringComparison.Ordinal);
        var closed = row.QuerySelector($"td[data-date='{wednesday:yyyy-MM-dd}']")!;
        Assert.Equal("Closed: Physician away", closed.QuerySelector("[data-slot-state='closed']")!.TextContent.Trim());
        Assert.Empty(closed.QuerySelectorAll("[data-slot-state='free']"));
        Assert.Equal($"/scheduling/calendar?week={monday.AddDays(7):yyyy-MM-dd}", page.Document.QuerySelector("a[rel='next']")!.GetAttribute("href"));
        Assert.Equal($"/scheduling/calendar?week={monday.AddDays(-7):yyyy-MM-dd}", page.Document.QuerySelector("a[rel='prev']")!.GetAttribute("href"));
        PageRules.AssertEveryInputIsLabelled(page);
    }

    [Fact]
    public async Task Scheduler_FindsTheNextAvailableSlotsOfOneRoomFromADate()
    {
        var (roomId, name) = await AddRoomWithWeekdayTemplateAsync();
        var monday = NextWeekMonday();
        using var browser = await SignedInAsync(app.Scheduler);
        var search = await browser.GetAsync("/scheduling/next-available");
        PageRules.AssertEveryInputIsLabelled(search);

        var page = await browser.GetAsync($"/scheduling/next-available?From={monday:yyyy-MM-dd}&RoomId={roomId}&Count=3");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("table.next-available tbody tr").ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Contains(name, r.TextContent, StringComparison.Ordinal));
        Assert.Equal((await FirstSlotIdAsync(roomId, monday)).ToString(), rows[0].GetAttribute("data-slot-id"));
    }

    [Fact]
    public async Task Scheduler_AsksForMoreThanFiftySlots_Gets422WithTheMessageBesideTheField()
    {
        using var browser = await SignedInAsync(app.Scheduler);

        var page = await browser.GetAsync("/scheduling/next-available?Count=51");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("between 1 and 50", page.FieldMessage("Count"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/scheduling/calendar")]
    [InlineData("/scheduling/next-available")]
    [InlineData("/scheduling/affected-bookings")]
    [InlineData("/admin/room-templates")]
    [InlineData("/admin/closures")]
    public async Task ReferringDoctor_OnSlotPages_GetsAccessDenied403(string url)
    {
        using var browser = await SignedInAsync(app.ReferringPhysician);

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/account/access-denied", page.Url.AbsolutePath);
    }

    [Theory]
    [InlineData("/admin/room-templates")]
    [InlineData("/admin/closures")]
    public async Task Scheduler_OnTemplateAdmin_GetsAccessDenied403(string url)
    {
        using var browser = await SignedInAsync(app.Scheduler);

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Theory]
    [InlineData("/scheduling/calendar")]
    [InlineData("/scheduling/next-available")]
    [InlineData("/scheduling/affected-bookings")]
    public async Task Admin_OnSchedulerPages_Gets200(string url)
    {
        using var browser = await SignedInAsync(app.Admin);

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public void App_RegistersTheNightlyMaterializationAt0200ClinicTime()
    {
        using var connection = app.Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();

        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == MaterializeSlots.RecurringJobId);

        Assert.Equal("0 2 * * *", job.Cron);
        Assert.Equal("America/New_York", job.TimeZoneId);
    }

    private static void Check(IHtmlFormElement form, string name) =>
        ((IHtmlInputElement)form.QuerySelector($"[name='{name}']")!).IsChecked = true;

    private static DateOnly NextWeekMonday()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return GetWeekCalendar.MondayOf(today).AddDays(14);
    }

    /// <summary>Closures under this test's own reason and its own admin's audited changes; other tests add closures meanwhile.</summary>
    private Task<(int Closures, int Changes)> ClosuresWrittenByAsync(TestUser admin, string reason) =>
        app.WithDbAsync(async db => (
            await db.Closures.CountAsync(c => c.Reason == reason),
            await db.AuditEntries.CountAsync(a => a.UserId == admin.Id && (a.Action == "Created" || a.Action == "Updated" || a.Action == "Deleted"))));

    private async Task<BrowserClient> SignedInAsync(TestUser user)
    {
        var browser = app.CreateClient();
        var home = await browser.LoginAsync(user);
        Assert.Equal("/", home.Url.AbsolutePath);
        return browser;
    }

    private async Task<(Guid Id, string Name)> AddRoomAsync()
    {
        var name = $"IR {Guid.NewGuid():N}"[..13];
        var id = await app.WithDbAsync(async db =>
        {
            var room = Room.Create(name, "Floor 2", DateTime.UtcNow);
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            return room.Id;
        });
        return (id, name);
    }

    private async Task<(Guid Id, string Name)> AddRoomWithWeekdayTemplateAsync()
    {
        var room = await AddRoomAsync();
        var days = Enum.GetValues<DayOfWeek>()
            .Select(d => new SaveRoomWeekTemplate.Day(d, d is not (DayOfWeek.Saturday or DayOfWeek.Sunday), new TimeOnly(7, 30), 30, 4m, new TimeOnly(19, 0)))
            .ToList();
        await SendAsync(new SaveRoomWeekTemplate.Command(room.Id, days));
        return room;
    }

    private async Task SendAsync<T>(ICommand<T> command)
        where T : Application.Common.Results.IUseCaseResult
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
        Assert.True(result.Error is null, result.Error?.Message);
    }

    private Task<Guid> FirstSlotIdAsync(Guid roomId, DateOnly day) =>
        app.WithDbAsync(db => db.Slots.AsNoTracking()
            .Where(s => s.RoomId == roomId && s.LocalDate == day).OrderBy(s => s.StartUtc).Select(s => s.Id).FirstAsync());

    private Task BookAsync(Guid slotId, string firstName, string lastName) => app.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var doctor = TestData.Doctor();
        db.Users.Add(doctor);
        var referral = Referral.CreateDraft(doctor.Id, TestData.ReferralDetails(lastName, firstName: firstName) with { PatientDateOfBirth = new DateOnly(1958, 5, 5) }, now);
        db.Referrals.Add(referral);
        db.Bookings.Add(Booking.Create(referral.Id, slotId, "scheduler@clinic.test", null, now));
        await db.SaveChangesAsync();
        return 0;
    });
}
