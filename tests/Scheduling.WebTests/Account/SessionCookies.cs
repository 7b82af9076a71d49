using System.Net;

using Microsoft.AspNetCore.Mvc.Testing;

using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>The sign-in cookie as an attacker who copied it would hold it, replayed from a client of their own.</summary>
internal static class SessionCookies
{
    public const string Name = "tace.auth";

    /// <summary>Signs in through the form and returns the sign-in cookie the app set ("tace.auth=...").</summary>
    public static async Task<string> SignInAsync(BrowserClient browser, TestUser user)
    {
        var login = await browser.GetAsync("/account/login");
        var response = await browser.SubmitAsync(login, login.FormWithField("Email"), new Dictionary<string, string>
        {
            ["Email"] = user.Email,
            ["Password"] = user.Password,
        }, followRedirects: false);
        Assert.Equal(HttpStatusCode.Found, response.Status);
        var setCookie = response.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Name + "=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    /// <summary>GET with only this cookie, from a client that never signed in; returns the status and where it was sent.</summary>
    public static async Task<(HttpStatusCode Status, string? Location)> ReplayAsync(WebApplicationFactory<Program> factory, string cookie, string url)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Headers.Location is { } location ? new Uri(new Uri("http://localhost"), location).AbsolutePath : null);
    }

    public static async Task<Page> SignOutAsync(BrowserClient browser)
    {
        var home = await browser.GetAsync("/");
        return await browser.SubmitAsync(home, home.FormPostingTo("/account/logout"), new Dictionary<string, string>());
    }
}
