using System.Net;

using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Security;

public sealed class AuthorizationTests(WebApp app)
{
    public static TheoryData<string> NonAdminRoles => new() { "Scheduler", "Radiologist", "ReferringPhysician" };

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task NonAdmin_OnRoomAdmin_GetsAccessDenied403(string role)
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(UserIn(role));

        var page = await browser.GetAsync("/admin/rooms");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/account/access-denied", page.Url.AbsolutePath);
        Assert.Empty(page.Document.QuerySelectorAll("input[name='NewRoom.Name']"));
    }

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task NonAdmin_OnHangfireDashboard_IsNotLetIn(string role)
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(UserIn(role));

        var direct = await browser.GetAsync("/hangfire", followRedirects: false);
        var followed = await browser.GetAsync("/hangfire");

        Assert.NotEqual(HttpStatusCode.OK, direct.Status);
        Assert.Equal(HttpStatusCode.Forbidden, followed.Status);
        Assert.DoesNotContain("Hangfire", followed.Document.Title ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/admin/rooms")]
    [InlineData("/hangfire")]
    [InlineData("/")]
    public async Task Anonymous_OnAProtectedPage_IsRedirectedToLogin(string url)
    {
        using var browser = app.CreateClient();

        var page = await browser.GetAsync(url, followRedirects: false);

        Assert.Equal(HttpStatusCode.Found, page.Status);
        var location = page.Response.Headers.Location!;
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), location).AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), location.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Admin_OnHangfireDashboard_Gets200()
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.Admin);

        var page = await browser.GetAsync("/hangfire", followRedirects: false);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Hangfire", page.Document.Title ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_OnRoomAdmin_Gets200()
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.Admin);

        var page = await browser.GetAsync("/admin/rooms");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/admin/rooms", page.Url.AbsolutePath);
    }

    private TestUser UserIn(string role) => role switch
    {
        "Scheduler" => app.Scheduler,
        "Radiologist" => app.Radiologist,
        "ReferringPhysician" => app.ReferringPhysician,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
