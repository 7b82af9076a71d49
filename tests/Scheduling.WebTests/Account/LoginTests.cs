using System.Net;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure.Identity;
using Scheduling.Web.Composition;
using Scheduling.Web.Controllers;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

public sealed class LoginTests(WebApp app)
{
    [Fact]
    public async Task LoginPage_Renders_WithALabelForEveryInput()
    {
        using var browser = app.CreateClient();

        var page = await browser.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("input[name='Email']"));
        Assert.NotNull(page.Document.QuerySelector("input[name='Password'][type='password']"));
        Assert.NotNull(page.FormWithField("__RequestVerificationToken"));
        PageRules.AssertEveryInputIsLabelled(page);
    }

    [Fact]
    public async Task Login_WithRightPassword_SignsInAndOpensTheHomePage()
    {
        using var browser = app.CreateClient();

        var page = await browser.LoginAsync(app.Admin);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/", page.Url.AbsolutePath);
        Assert.Contains(app.Admin.Email, page.Document.QuerySelector("nav")?.TextContent ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithWrongPassword_ShowsTheMessageAndStaysOnTheLoginPage()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();

        var page = await browser.LoginAsync(user.Email, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/account/login", page.Url.AbsolutePath);
        Assert.Equal(AccountController.SignInRefused, page.Document.QuerySelector("[role='alert']")?.TextContent.Trim());
        Assert.Equal(string.Empty, page.Document.QuerySelector("input[name='Password']")?.GetAttribute("value") ?? string.Empty);
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/admin/rooms", followRedirects: false)).Status);
    }

    [Fact]
    public async Task Login_AfterFiveWrongPasswords_ThisClientIsPausedEvenForTheRightPassword_ButTheAccountIsNotLocked()
    {
        var user = await app.CreateUserAsync(Roles.Admin);
        using var browser = app.CreateClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await browser.LoginAsync(user.Email, $"wrong password {attempt}");
            Assert.Equal(AccountController.SignInRefused, wrong.Document.QuerySelector("[role='alert']")?.TextContent.Trim());
        }

        var page = await browser.LoginAsync(user);

        Assert.Equal("/account/login", page.Url.AbsolutePath);
        Assert.StartsWith("Too many wrong passwords for this email from this computer or network. It can try again from ", page.Document.QuerySelector("[role='alert']")?.TextContent.Trim(), StringComparison.Ordinal);
        var rooms = await browser.GetAsync("/admin/rooms", followRedirects: false);
        Assert.Equal(HttpStatusCode.Found, rooms.Status);
        Assert.Equal("/account/login", new Uri(rooms.Url, rooms.Response.Headers.Location!).AbsolutePath);

        // Identity's account lockout is not what refused it: the account itself is not locked.
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await users.FindByEmailAsync(user.Email);
        Assert.False(await users.IsLockedOutAsync(account!));
        Assert.Equal(0, await users.GetAccessFailedCountAsync(account!));
    }

    [Fact]
    public async Task Login_AfterFourWrongPasswords_StillAcceptsTheRightPassword()
    {
        var user = await app.CreateUserAsync(Roles.Admin);
        using var browser = app.CreateClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await browser.LoginAsync(user.Email, $"wrong password {attempt}");
        }

        var page = await browser.LoginAsync(user);

        Assert.Equal("/", page.Url.AbsolutePath);
    }

    [Fact]
    public async Task DemoAccounts_OutsideDevelopment_AreNotSeeded()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        foreach (var demo in IdentitySeeder.DemoAccounts)
        {
            Assert.Null(await users.FindByEmailAsync(demo.Email));
        }
    }
}
