using Microsoft.Playwright;

namespace Scheduling.BrowserTests;

public sealed class RoomAdminInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Admin_SignsIn_AddsARoom_AndSeesItListed()
    {
        await using var session = await app.NewSessionAsync();
        await session.SignInAsync("admin@clinic.test");

        await BrowserApp.OpenAsync(session.Page, "/admin/rooms");
        var name = "IR Suite " + Guid.NewGuid().ToString("N")[..6];
        await session.Page.GetByLabel("Room name").FillAsync(name);
        await session.Page.GetByLabel("Location (building, floor)").FillAsync("Main building, 2nd floor");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Add room" }).ClickAsync();

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("added");
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task Admin_SubmittingAnEmptyRoomName_SeesTheMessageNextToTheField()
    {
        await using var session = await app.NewSessionAsync();
        await session.SignInAsync("admin@clinic.test");

        await BrowserApp.OpenAsync(session.Page, "/admin/rooms");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Add room" }).ClickAsync();

        var message = session.Page.Locator("[data-valmsg-for='NewRoom.Name']");
        await Assertions.Expect(message).ToHaveTextAsync("Enter the room's name.");
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task Scheduler_OpeningRoomAdmin_IsToldItIsNotAllowed()
    {
        await using var session = await app.NewSessionAsync();
        await session.SignInAsync("scheduler@clinic.test");

        var response = await BrowserApp.OpenAsync(session.Page, "/admin/rooms");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
    }
}
