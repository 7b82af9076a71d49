using System.Net;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Rooms;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Rooms;

public sealed class RoomAdminTests(WebApp app)
{
    private const string NameField = "NewRoom.Name";
    private const string LocationField = "NewRoom.Location";

    [Fact]
    public async Task Admin_AddsARoom_AndSeesItListed()
    {
        using var browser = await SignedInAdminAsync();
        var name = $"IR Suite {Guid.NewGuid():N}"[..20];
        var rooms = await browser.GetAsync("/admin/rooms");
        PageRules.AssertEveryInputIsLabelled(rooms);

        var page = await browser.SubmitAsync(rooms, rooms.FormWithField(NameField), new Dictionary<string, string>
        {
            [NameField] = name,
            [LocationField] = "Building B, floor 2",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/admin/rooms", page.Url.AbsolutePath);
        var row = Assert.Single(page.Document.QuerySelectorAll("tbody tr"), r => r.QuerySelector("td")?.TextContent == name);
        Assert.Contains("Building B, floor 2", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("In service", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(name, page.Document.QuerySelector("[role='status']")?.TextContent ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_DeactivatesARoom_AndSeesItInactive()
    {
        using var browser = await SignedInAdminAsync();
        var name = $"Deact {Guid.NewGuid():N}"[..16];
        var rooms = await browser.GetAsync("/admin/rooms");
        rooms = await browser.SubmitAsync(rooms, rooms.FormWithField(NameField), new Dictionary<string, string> { [NameField] = name });
        var row = rooms.Document.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")?.TextContent == name);

        var page = await browser.SubmitAsync(rooms, (AngleSharp.Html.Dom.IHtmlFormElement)row.QuerySelector("form")!, new Dictionary<string, string>());

        var after = page.Document.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")?.TextContent == name);
        Assert.Contains("Inactive", after.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter the room's name.")]
    [InlineData("   ", "Enter the room's name.")]
    [InlineData("101", "at most 100 characters")]
    public async Task AddRoom_WithInvalidName_Returns422WithTheMessageBesideTheFieldAndAddsNothing(string name, string message)
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        using var browser = await SignedInAdminAsync(admin);
        if (name == "101")
        {
            name = new string('x', 101);
        }

        await AssertRefusedAsync(admin, browser, name, message);
    }

    [Fact]
    public async Task AddRoom_WithDuplicateNameInOtherCase_Returns422WithTheMessageBesideTheFieldAndAddsNothing()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        using var browser = await SignedInAdminAsync(admin);
        var name = $"Dup {Guid.NewGuid():N}"[..14];
        var rooms = await browser.GetAsync("/admin/rooms");
        var added = await browser.SubmitAsync(rooms, rooms.FormWithField(NameField), new Dictionary<string, string> { [NameField] = name });
        Assert.Equal(HttpStatusCode.OK, added.Status);

        await AssertRefusedAsync(admin, browser, $" {name.ToUpperInvariant()} ", "already exists");
    }

    private async Task AssertRefusedAsync(TestUser admin, BrowserClient browser, string name, string message)
    {
        var before = await WrittenByAsync(admin, name);
        var rooms = await browser.GetAsync("/admin/rooms");

        var page = await browser.SubmitAsync(rooms, rooms.FormWithField(NameField), new Dictionary<string, string>
        {
            [NameField] = name,
            [LocationField] = "Floor 1",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains(message, page.FieldMessage(NameField), StringComparison.Ordinal);
        Assert.Contains("input-validation-error", page.Document.QuerySelector($"[name='{NameField}']")?.ClassName ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(name, page.Document.QuerySelector($"[name='{NameField}']")?.GetAttribute("value"));
        PageRules.AssertEveryInputIsLabelled(page);
        Assert.Equal(before, await WrittenByAsync(admin, name));
    }

    /// <summary>
    /// What this test's own admin could have written: rooms under the refused name and that admin's audited
    /// changes. Other test classes add rooms to the same database at the same time.
    /// </summary>
    private Task<(int Rooms, int Changes)> WrittenByAsync(TestUser admin, string name) =>
        app.WithDbAsync(async db =>
        {
            var normalized = Room.Normalize(name);
            return (
                await db.Rooms.CountAsync(r => r.NormalizedName == normalized),
                await db.AuditEntries.CountAsync(a => a.UserId == admin.Id && (a.Action == "Created" || a.Action == "Updated" || a.Action == "Deleted")));
        });

    private async Task<BrowserClient> SignedInAdminAsync(TestUser? admin = null)
    {
        var browser = app.CreateClient();
        var home = await browser.LoginAsync(admin ?? app.Admin);
        Assert.Equal("/", home.Url.AbsolutePath);
        return browser;
    }
}
