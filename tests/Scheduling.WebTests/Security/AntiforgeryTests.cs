using System.Net;

using Microsoft.EntityFrameworkCore;

using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Security;

public sealed class AntiforgeryTests(WebApp app)
{
    [Fact]
    public async Task AddRoomPost_WithoutAntiforgeryToken_IsRefusedWith400AndAddsNothing()
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.Admin);
        await browser.GetAsync("/admin/rooms"); // holds the antiforgery cookie, as a victim's browser would
        var name = $"Forged {Guid.NewGuid():N}";

        var page = await browser.PostWithoutFormAsync("/admin/rooms", new Dictionary<string, string> { ["NewRoom.Name"] = name });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.False(await app.WithDbAsync(db => db.Rooms.AnyAsync(r => r.Name == name)));
    }

    [Fact]
    public async Task AddRoomPost_WithATokenFromAnotherSession_IsRefusedWith400()
    {
        using var attacker = app.CreateClient();
        await attacker.LoginAsync(app.Scheduler);
        var attackerPage = await attacker.GetAsync("/account/login");
        var token = attackerPage.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token));
        using var victim = app.CreateClient();
        await victim.LoginAsync(app.Admin);

        var page = await victim.PostWithoutFormAsync("/admin/rooms", new Dictionary<string, string>
        {
            ["NewRoom.Name"] = $"Forged {Guid.NewGuid():N}",
            ["__RequestVerificationToken"] = token!,
        });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
    }

    [Fact]
    public async Task LoginPost_WithoutAntiforgeryToken_IsRefusedWith400()
    {
        using var browser = app.CreateClient();

        var page = await browser.PostWithoutFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Email"] = app.Admin.Email,
            ["Password"] = app.Admin.Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Response.Headers.Location);
    }
}
