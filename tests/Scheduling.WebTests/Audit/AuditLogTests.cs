using System.Net;

using Microsoft.EntityFrameworkCore;

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
        Assert.All(rows, row => Assert.Contains(app.Admin.Email, row.TextContent, StringComparison.Ordinal));
        Assert.Contains(rows, row => row.TextContent.Contains("Room", StringComparison.Ordinal));
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
