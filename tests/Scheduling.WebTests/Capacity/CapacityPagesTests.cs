using System.Globalization;
using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Capacity;

/// <summary>
/// On an app and database of its own (<see cref="OwnWebApp"/>): a recovery unit or a physician added here
/// would make every booking in the shared app need one.
/// </summary>
public sealed class CapacityPagesTests(OwnWebApp app) : IClassFixture<OwnWebApp>
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
            ["Away.Date"] = nextTuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
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
        Assert.Equal(HttpStatusCode.OK, notLinked.Status);
        Assert.Contains("not linked to an IR physician or nurse yet", notLinked.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var otherMine = await leeBrowser.GetAsync("/my-availability");
        var theirs = otherMine.Document.QuerySelectorAll("form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>()
            .First(f => f.Action.Contains("/remove", StringComparison.Ordinal));
        var otherHome = await otherBrowser.GetAsync("/");
        var token = otherHome.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var foreign = await otherBrowser.PostWithoutFormAsync(new Uri(theirs.Action).AbsolutePath, new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(3, await WithDbAsync(db => db.Unavailabilities.CountAsync(u => u.ResourceId == resourceId)));

        // Every change is in the audit trail, under who made it.
        var audit = await WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Resource) || e.EntityType == nameof(Unavailability) || e.EntityType == nameof(WeeklyHours))
            .Select(e => new { e.UserId, e.Action, e.EntityType, e.EntityId })
            .ToListAsync());
        Assert.Contains(audit, e => e.UserId == admin.Id && e.Action == "Created" && e.EntityType == nameof(Resource) && e.EntityId == resourceId.ToString());
        Assert.Equal(4, audit.Count(e => e.UserId == admin.Id && e.Action == "Created" && e.EntityType == nameof(Unavailability)));
        Assert.Single(audit, e => e.UserId == lee.Id && e.Action == "Deleted" && e.EntityType == nameof(Unavailability));
    }

    [Fact]
    public async Task TimeAwayOverABooking_OrItsUnitTakenOutOfUse_ListsTheBookingToMove_AndCancelsNothing()
    {
        var admin = await WebApp.CreateUserAsync(app.Factory, Roles.Admin);
        var scheduler = await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler);
        var (day, data, slot, _) = await OneCaseAsync(DayOfWeek.Wednesday);
        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(admin);
        var index = await browser.GetAsync("/admin/capacity");
        var unitPage = await browser.SubmitAsync(index, index.FormWithField("NewResource.Name"), new Dictionary<string, string>
        {
            ["NewResource.Kind"] = nameof(ResourceKind.RecoveryUnit),
            ["NewResource.Name"] = $"Unit {Guid.NewGuid():N}"[..13],
            ["NewResource.Bays"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, unitPage.Status);

        using var schedulerBrowser = WebApp.CreateClient(app.Factory);
        await schedulerBrowser.LoginAsync(scheduler);
        var book = await schedulerBrowser.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book?roomId={data.Room.Id}");
        var booked = await schedulerBrowser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = slot.Id.ToString() });
        Assert.StartsWith("/scheduling/bookings/", booked.Url.AbsolutePath, StringComparison.Ordinal);
        var bookingId = await WithDbAsync(db => db.Bookings.Where(b => b.SlotId == slot.Id).Select(b => b.Id).SingleAsync());
        var bayUnitId = await WithDbAsync(db => (
            from c in db.ResourceClaims
            join r in db.Resources on c.ResourceId equals r.Id
            where c.BookingId == bookingId && r.Kind == ResourceKind.RecoveryUnit
            select r.Id).Distinct().SingleAsync());

        // The room closed for maintenance over the procedure: the booking is listed, linked, and kept.
        var roomPage = await browser.GetAsync($"/admin/capacity/{data.Room.Id}");
        Assert.Equal(HttpStatusCode.OK, roomPage.Status);
        PageRules.AssertEveryInputIsLabelled(roomPage);
        Assert.Null(roomPage.Document.QuerySelector("[name='Hours.Days[0].From']"));
        var closed = await browser.SubmitAsync(roomPage, roomPage.FormWithField("Away.Date"), new Dictionary<string, string>
        {
            ["Away.Date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Away.From"] = "10:00",
            ["Away.To"] = "12:00",
            ["Away.Kind"] = nameof(UnavailabilityKind.Maintenance),
        });
        Assert.Equal($"/admin/capacity/{data.Room.Id}", closed.Url.AbsolutePath);
        Assert.Contains("1 booking(s) need another time", closed.Body, StringComparison.Ordinal);
        Assert.NotNull(closed.Document.QuerySelector($"section[aria-labelledby='hit-heading'] a[href='/scheduling/bookings/{bookingId}']"));

        // Maintenance the same afternoon, after the procedure: no booking listed.
        var afternoon = await browser.SubmitAsync(closed, closed.FormWithField("Away.Date"), new Dictionary<string, string>
        {
            ["Away.Date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Away.From"] = "15:00",
            ["Away.To"] = "17:00",
            ["Away.Kind"] = nameof(UnavailabilityKind.Maintenance),
        });
        Assert.Equal(HttpStatusCode.OK, afternoon.Status);
        Assert.Null(afternoon.Document.QuerySelector("section[aria-labelledby='hit-heading']"));

        // The booking's recovery unit taken out of use: listed again.
        var bayPage = await browser.GetAsync($"/admin/capacity/{bayUnitId}");
        var outOfUse = await browser.SubmitAsync(bayPage, bayPage.FormWithField("Change.Name"), new Dictionary<string, string> { ["Change.InUse"] = "false" });
        Assert.NotNull(outOfUse.Document.QuerySelector($"section[aria-labelledby='hit-heading'] a[href='/scheduling/bookings/{bookingId}']"));
        Assert.Contains("not in use", outOfUse.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var backInUse = await browser.SubmitAsync(outOfUse, outOfUse.FormWithField("Change.Name"), new Dictionary<string, string> { ["Change.InUse"] = "true" });
        Assert.Null(backInUse.Document.QuerySelector("section[aria-labelledby='hit-heading']"));

        var status = await WithDbAsync(db => db.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync());
        Assert.Equal(BookingStatus.PendingConfirmation, status);

        // The day list: the case with its bay, the room's part-day closures.
        var bayName = await WithDbAsync(db => db.Resources.Where(r => r.Id == bayUnitId).Select(r => r.Name).SingleAsync());
        var dayList = await schedulerBrowser.GetAsync($"/scheduling/day/{day:yyyy-MM-dd}");
        Assert.Contains($"bay in {bayName} until", dayList.Document.QuerySelector($"tr[data-booking='{bookingId}'] .day-team")!.TextContent, StringComparison.Ordinal);
        var closures = dayList.Document.QuerySelector($"section[data-room='{data.Room.Name}'] .day-part-closed")!.TextContent;
        Assert.Contains("10:00 AM–12:00 PM", closures, StringComparison.Ordinal);
        Assert.Contains("3:00 PM–5:00 PM", closures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PhysicianEntersLeaveOverABookedCase_TheSchedulersNeedsAttentionListsItWithTheReason_UntilItIsRescheduled()
    {
        var admin = await WebApp.CreateUserAsync(app.Factory, Roles.Admin);
        var scheduler = await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler);
        var sato = await WebApp.CreateUserAsync(app.Factory, Roles.Radiologist);
        var doctor = await WebApp.CreateUserAsync(app.Factory, Roles.ReferringPhysician);
        var (day, data, slot, weekLater) = await OneCaseAsync(DayOfWeek.Thursday);

        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(admin);
        var index = await browser.GetAsync("/admin/capacity");
        var name = $"Dr Sato {Guid.NewGuid():N}"[..16];
        var added = await browser.SubmitAsync(index, index.FormWithField("NewResource.Name"), new Dictionary<string, string>
        {
            ["NewResource.Kind"] = nameof(ResourceKind.Physician),
            ["NewResource.Name"] = name,
            ["NewResource.UserId"] = sato.Id,
        });
        Assert.Equal(HttpStatusCode.OK, added.Status);
        var satoId = await WithDbAsync(db => db.Resources.Where(r => r.UserId == sato.Id).Select(r => r.Id).SingleAsync());

        using var schedulerBrowser = WebApp.CreateClient(app.Factory);
        await schedulerBrowser.LoginAsync(scheduler);
        var book = await schedulerBrowser.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book?roomId={data.Room.Id}&physicianId={satoId}");
        var booked = await schedulerBrowser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = slot.Id.ToString() });
        Assert.StartsWith("/scheduling/bookings/", booked.Url.AbsolutePath, StringComparison.Ordinal);
        var bookingId = await WithDbAsync(db => db.Bookings.Where(b => b.SlotId == slot.Id).Select(b => b.Id).SingleAsync());
        Assert.Equal(satoId, await WithDbAsync(db => db.Bookings.Where(b => b.Id == bookingId).Select(b => b.PhysicianId).SingleAsync()));
        var movesBefore = await ToMoveOnTheStartPageAsync(schedulerBrowser);
        var listBefore = await schedulerBrowser.GetAsync("/scheduling/attention");
        Assert.Null(listBefore.Document.QuerySelector($"tr[data-move-booking='{bookingId}']"));

        // The physician enters a day of leave over the case at "My availability": told it hits a booking, which the schedulers now see.
        using var satoBrowser = WebApp.CreateClient(app.Factory);
        await satoBrowser.LoginAsync(sato);
        var mine = await satoBrowser.GetAsync("/my-availability");
        var away = await satoBrowser.SubmitAsync(mine, mine.FormWithField("Away.Date"), new Dictionary<string, string>
        {
            ["Away.Date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Away.From"] = string.Empty,
            ["Away.To"] = string.Empty,
            ["Away.Kind"] = nameof(UnavailabilityKind.Leave),
        });
        Assert.Equal(HttpStatusCode.OK, away.Status);
        Assert.Contains("Needs attention list", away.Document.QuerySelector("section[aria-labelledby='hit-heading']")!.TextContent, StringComparison.Ordinal);

        var list = await schedulerBrowser.GetAsync("/scheduling/attention");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var row = list.Document.QuerySelector($"tr[data-move-booking='{bookingId}']");
        Assert.NotNull(row);
        Assert.Equal($"{name} on leave all day", row.QuerySelector(".move-reason")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector($"a[href='/scheduling/bookings/{bookingId}/reschedule']"));
        Assert.Equal(movesBefore + 1, await ToMoveOnTheStartPageAsync(schedulerBrowser));
        var shownToMove = list.Document.QuerySelectorAll("tr[data-move-booking]").Length;
        var viewed = await WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.UserId == scheduler.Id && e.EntityType == "NeedsAttentionList")
            .OrderByDescending(e => e.Id).Select(e => e.Details).FirstAsync());
        Assert.Contains($"{shownToMove} to move for time away or fewer bays", viewed, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.PendingConfirmation, await WithDbAsync(db => db.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync()));

        // Someone who is not a scheduler does not see the list, nor the count.
        using var doctorBrowser = WebApp.CreateClient(app.Factory);
        await doctorBrowser.LoginAsync(doctor);
        var refused = await doctorBrowser.GetAsync("/scheduling/attention");
        Assert.NotEqual(HttpStatusCode.OK, refused.Status);
        Assert.DoesNotContain(bookingId.ToString(), refused.Body, StringComparison.Ordinal);
        Assert.Null((await doctorBrowser.GetAsync("/")).Document.QuerySelector("#attention-to-move"));
        Assert.NotEqual(HttpStatusCode.OK, (await satoBrowser.GetAsync("/scheduling/attention")).Status);

        // The scheduler follows the link and moves the case a week on with the same physician: it leaves the list.
        var reschedule = await schedulerBrowser.GetAsync($"/scheduling/bookings/{bookingId}/reschedule?roomId={data.Room.Id}&from={day.AddDays(7):yyyy-MM-dd}&physicianId={satoId}");
        Assert.Equal(HttpStatusCode.OK, reschedule.Status);
        var moved = await schedulerBrowser.SubmitAsync(reschedule, reschedule.FormWithField("NewSlotId"), new Dictionary<string, string> { ["NewSlotId"] = weekLater.Id.ToString() });
        Assert.Equal($"/scheduling/bookings/{bookingId}", moved.Url.AbsolutePath);
        var after = await schedulerBrowser.GetAsync("/scheduling/attention");
        Assert.Null(after.Document.QuerySelector($"tr[data-move-booking='{bookingId}']"));
        Assert.Equal(movesBefore, await ToMoveOnTheStartPageAsync(schedulerBrowser));
    }

    [Fact]
    public async Task AdminTakesThursdaysOutOfAPhysiciansWeek_TheBookedThursdayCaseIsShownToMove_UntilThursdaysAreBack()
    {
        var admin = await WebApp.CreateUserAsync(app.Factory, Roles.Admin);
        var scheduler = await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler);
        var (_, data, slot, _) = await OneCaseAsync(DayOfWeek.Thursday, daysAhead: 22);

        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(admin);
        var index = await browser.GetAsync("/admin/capacity");
        var name = $"Dr Ito {Guid.NewGuid():N}"[..15];
        var added = await browser.SubmitAsync(index, index.FormWithField("NewResource.Name"), new Dictionary<string, string>
        {
            ["NewResource.Kind"] = nameof(ResourceKind.Physician),
            ["NewResource.Name"] = name,
        });
        Assert.Equal(HttpStatusCode.OK, added.Status);
        var itoId = await WithDbAsync(db => db.Resources.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());

        using var schedulerBrowser = WebApp.CreateClient(app.Factory);
        await schedulerBrowser.LoginAsync(scheduler);
        var book = await schedulerBrowser.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book?roomId={data.Room.Id}&physicianId={itoId}");
        var booked = await schedulerBrowser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = slot.Id.ToString() });
        Assert.StartsWith("/scheduling/bookings/", booked.Url.AbsolutePath, StringComparison.Ordinal);
        var bookingId = await WithDbAsync(db => db.Bookings.Where(b => b.SlotId == slot.Id).Select(b => b.Id).SingleAsync());
        Assert.Equal(itoId, await WithDbAsync(db => db.Bookings.Where(b => b.Id == bookingId).Select(b => b.PhysicianId).SingleAsync()));
        Assert.Null((await schedulerBrowser.GetAsync("/scheduling/attention")).Document.QuerySelector($"tr[data-move-booking='{bookingId}']"));

        // Dr Ito stops working Thursdays: the admin is told the booking needs another time, and the schedulers see why.
        var page = await browser.GetAsync($"/admin/capacity/{itoId}");
        var thursday = ThursdayRow(page);
        var saved = await browser.SubmitAsync(page, page.FormWithField("Hours.Days[0].From"), new Dictionary<string, string> { [$"Hours.Days[{thursday}].Works"] = "false" });
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("1 booking(s) need another time", saved.Body, StringComparison.Ordinal);
        Assert.NotNull(saved.Document.QuerySelector($"section[aria-labelledby='hit-heading'] a[href='/scheduling/bookings/{bookingId}']"));

        var list = await schedulerBrowser.GetAsync("/scheduling/attention");
        var row = list.Document.QuerySelector($"tr[data-move-booking='{bookingId}']");
        Assert.NotNull(row);
        Assert.Equal($"{name} not working then (not on Thursdays)", row.QuerySelector(".move-reason")!.TextContent.Trim());
        Assert.Equal(BookingStatus.PendingConfirmation, await WithDbAsync(db => db.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync()));

        // Thursday mornings are back: the case is covered again and leaves the list; nothing is reported to the admin.
        page = await browser.GetAsync($"/admin/capacity/{itoId}");
        var back = await browser.SubmitAsync(page, page.FormWithField("Hours.Days[0].From"), new Dictionary<string, string>
        {
            [$"Hours.Days[{thursday}].Works"] = "true",
            [$"Hours.Days[{thursday}].From"] = "07:00",
            [$"Hours.Days[{thursday}].To"] = "12:00",
        });
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Null(back.Document.QuerySelector("section[aria-labelledby='hit-heading']"));
        Assert.Null((await schedulerBrowser.GetAsync("/scheduling/attention")).Document.QuerySelector($"tr[data-move-booking='{bookingId}']"));

        static int ThursdayRow(Page page)
        {
            var weekdays = page.Document.QuerySelectorAll("input[type='hidden'][name$='].Weekday']").Select(i => i.GetAttribute("value")).ToList();
            var i = weekdays.FindIndex(v => v is "Thursday" or "4");
            Assert.True(i >= 0, "The hours form has a Thursday row.");
            return i;
        }
    }

    /// <summary>
    /// One referral ready to schedule in a room of its own with two 09:00 slots: on the first
    /// <paramref name="weekday"/> at least <paramref name="daysAhead"/> days from today (clinic time), and a week later.
    /// </summary>
    private async Task<(DateOnly Day, TestData.Scenario Data, Slot Slot, Slot WeekLater)> OneCaseAsync(DayOfWeek weekday, int daysAhead = 21)
    {
        var clinicTime = app.Factory.Services.GetRequiredService<ClinicTime>();
        var now = app.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var day = clinicTime.LocalDate(now).AddDays(daysAhead);
        while (day.DayOfWeek != weekday)
        {
            day = day.AddDays(1);
        }

        var data = await WithDbAsync(db => TestData.SeedAsync(db, now, referrals: 1));
        var slot = TestData.Slot(data.Room, clinicTime, day, new TimeOnly(9, 0), now);
        var weekLater = TestData.Slot(data.Room, clinicTime, day.AddDays(7), new TimeOnly(9, 0), now);
        await WithDbAsync(db =>
        {
            db.Slots.AddRange(slot, weekLater);
            return db.SaveChangesAsync();
        });
        return (day, data, slot, weekLater);
    }

    /// <summary>"N bookings to move ..." on the scheduler's start page; 0 when the line is not there.</summary>
    private static async Task<int> ToMoveOnTheStartPageAsync(BrowserClient browser)
    {
        var start = await browser.GetAsync("/");
        var line = start.Document.QuerySelector("#attention-to-move")?.TextContent;
        return line is null ? 0 : int.Parse(line.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task UnknownRecords_AreNotFound_AndTimeAwayInThePast_IsRefusedBesideTheDay()
    {
        var admin = await WebApp.CreateUserAsync(app.Factory, Roles.Admin);
        using var browser = WebApp.CreateClient(app.Factory);
        await browser.LoginAsync(admin);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/admin/capacity/{Guid.NewGuid()}")).Status);

        var index = await browser.GetAsync("/admin/capacity");
        var nurse = await browser.SubmitAsync(index, index.FormWithField("NewResource.Name"), new Dictionary<string, string>
        {
            ["NewResource.Kind"] = nameof(ResourceKind.SedationNurse),
            ["NewResource.Name"] = $"Nurse {Guid.NewGuid():N}"[..14],
        });
        Assert.Equal(HttpStatusCode.OK, nurse.Status);
        Assert.Contains("Nothing entered from now on.", nurse.Body, StringComparison.Ordinal);

        var missingKind = await browser.SubmitAsync(nurse, nurse.FormWithField("Away.Date"), new Dictionary<string, string>
        {
            ["Away.Date"] = "2020-01-07",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingKind.Status);
        Assert.Equal("Choose what kind of time away this is.", missingKind.FieldMessage("Away.Kind"));

        var past = await browser.SubmitAsync(nurse, nurse.FormWithField("Away.Date"), new Dictionary<string, string>
        {
            ["Away.Date"] = "2020-01-07",
            ["Away.Kind"] = nameof(UnavailabilityKind.Leave),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.Status);
        Assert.Contains("already over", past.FieldMessage("Away.Date"), StringComparison.Ordinal);
        PageRules.AssertEveryInputIsLabelled(past);

        var hours = nurse.FormWithField("Hours.Days[0].From");
        var badHours = await browser.SubmitAsync(nurse, hours, new Dictionary<string, string>
        {
            ["Hours.Days[0].From"] = "18:00",
            ["Hours.Days[0].To"] = "08:00",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badHours.Status);
        Assert.False(string.IsNullOrWhiteSpace(badHours.FieldMessage("Hours.Days[0].To")));
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
