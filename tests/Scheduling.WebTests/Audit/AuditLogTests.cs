using System.Net;

using Microsoft.EntityFrameworkCore;

using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Audit;

public sealed class AuditLogTests(WebApp app)
{
    [Fact]
    public async Task Admin_FiltersTheAuditLogByRecord_AndSeesTheRoomItAdded()
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.Admin);
        var rooms = await browser.GetAsync("/admin/rooms");
        var name = $"Audited {Guid.NewGuid():N}"[..18];
        await browser.SubmitAsync(rooms, rooms.FormWithField("NewRoom.Name"), new Dictionary<string, string> { ["NewRoom.Name"] = name });
        var roomId = await app.WithDbAsync(db => db.Rooms.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());

        var page = await browser.GetAsync($"/admin/audit?EntityId={roomId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        PageRules.AssertEveryInputIsLabelled(page);
        // The room and its capacity resource (a room is also a resource the bookings claim, same id) are
        // added in one save: two lines, both this record's, both by this admin, one naming the room.
        var rows = page.Document.QuerySelectorAll("tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.All(rows, row => Assert.Contains("Test Admin", row.TextContent, StringComparison.Ordinal));
        Assert.Contains(rows, row => row.TextContent.Contains("created", StringComparison.Ordinal) && row.TextContent.Contains("room", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAuditLog_ReadsInWords_WhoDidWhatToWhichPatientsBooking_AndItsViewIsAudited()
    {
        var start = DateTime.UtcNow.Date.AddDays(12).AddHours(14);
        var booked = await TestData.BookAsync(app.Factory.Services, start, firstName: "Audra");
        using var scheduler = app.CreateClient();
        await scheduler.LoginAsync(app.Scheduler);
        var booking = await scheduler.GetAsync($"/scheduling/bookings/{booked.BookingId}");
        var cancelled = await scheduler.SubmitAsync(booking, booking.FormWithField("Reason"), new Dictionary<string, string> { ["Reason"] = "Patient moved away" });
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.DoesNotContain("(version", booking.Body, StringComparison.Ordinal);

        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var page = await admin.GetAsync($"/admin/audit?EntityId={booked.BookingId}");

        var change = page.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("changed", StringComparison.Ordinal));
        var cells = change.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Test Scheduler", cells[1]);
        Assert.Equal("changed", cells[2]);
        var lastName = await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == booked.ReferralId).Select(r => r.PatientLastName).SingleAsync());
        Assert.StartsWith($"booking for Audra {lastName}", cells[3], StringComparison.Ordinal);
        Assert.Contains("status", cells[4], StringComparison.Ordinal);
        Assert.DoesNotContain("Utc", cells[4], StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Action == "Viewed" && a.EntityType == "AuditLog" && a.UserName == app.Admin.Email && a.RecordSet!.Records.Any(r => r.EntityId == booked.ReferralId.ToString()))));
    }

    [Fact]
    public async Task AuditLog_WithTheLastDayBeforeTheFirst_Returns422WithTheMessageBesideTheField()
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.Admin);

        var page = await browser.GetAsync("/admin/audit?From=2026-03-10&To=2026-03-01");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("on or after the first day", page.FieldMessage("To"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduler_CannotReadTheAuditLog()
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.Scheduler);

        var page = await browser.GetAsync("/admin/audit", followRedirects: false);

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("Audit log", page.Body, StringComparison.Ordinal);
    }
}
