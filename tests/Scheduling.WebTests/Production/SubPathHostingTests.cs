using System.Net;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using MimeKit;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// The app hosted under a sub-path (Network:PathBase=/tace, the proxy passing the path on unchanged):
/// every link, form, redirect and static file carries the prefix and works, and patients' links in
/// emails (absolute, from Clinic:PublicBaseUrl) open their page there.
/// </summary>
public sealed partial class SubPathHostingTests : IAsyncLifetime
{
    private const string Prefix = "/tace";
    private SchedulingWebFactory? _factory;

    private SchedulingWebFactory Factory => _factory!;

    public async ValueTask InitializeAsync() =>
        _factory = await WebApp.StartAsync(SqliteTestDatabase.Create(), builder =>
        {
            builder.UseSetting("Network:PathBase", Prefix);
            builder.UseSetting("Clinic:PublicBaseUrl", "https://localhost" + Prefix);
        });

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await _factory.Database.DisposeAsync();
        }
    }

    [Fact]
    public async Task UnderAPathBase_TheSignInPageAndItsStaticFilesCarryThePrefix_AndSigningInLandsOnThePrefixedStartPage()
    {
        var admin = await WebApp.CreateUserAsync(Factory, Roles.Admin);
        using var browser = CreateClient();

        var refused = await browser.GetAsync(Prefix + "/admin/rooms", followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.StartsWith("https://localhost" + Prefix + "/account/login?ReturnUrl=%2Ftace%2Fadmin%2Frooms", refused.Response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var login = await browser.GetAsync(Prefix + "/account/login");
        AssertEveryLocalUrlCarriesThePrefix(login);
        var assets = login.Document.QuerySelectorAll("link[rel='stylesheet'][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .ToList();
        Assert.Contains(assets, a => a.StartsWith(Prefix + "/css/site.css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith(Prefix + "/lib/bootstrap/", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await browser.Http.GetAsync(asset, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
        }

        var start = await browser.SubmitAsync(login, login.FormWithField("Email"), new Dictionary<string, string>
        {
            ["Email"] = admin.Email,
            ["Password"] = admin.Password,
        });

        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Equal(Prefix + "/", start.Url.AbsolutePath);
        AssertEveryLocalUrlCarriesThePrefix(start);
    }

    [Fact]
    public async Task UnderAPathBase_EveryLinkOfTheStartPageOpens_AndAFormPostedThereSavesAndRedirectsUnderThePrefix()
    {
        var admin = await WebApp.CreateUserAsync(Factory, Roles.Admin);
        using var browser = await SignedInAsync(admin);
        var start = await browser.GetAsync(Prefix + "/");

        var links = start.Document.QuerySelectorAll("a[href]")
            .Select(a => a.GetAttribute("href")!)
            .Where(h => h.StartsWith('/') && !h.Contains("/hangfire", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Contains(Prefix + "/admin/rooms", links);
        Assert.Contains(Prefix + "/scheduling/calendar", links);
        foreach (var link in links)
        {
            var page = await browser.GetAsync(link);
            Assert.True(page.Status == HttpStatusCode.OK, $"{link} answered {(int)page.Status}");
            AssertEveryLocalUrlCarriesThePrefix(page);
        }

        var rooms = await browser.GetAsync(Prefix + "/admin/rooms");
        var form = rooms.FormWithField("NewRoom.Name");
        Assert.Equal(Prefix + "/admin/rooms", form.GetAttribute("action"));
        var name = $"Sub-path {Guid.NewGuid():N}"[..20];
        var posted = await browser.SubmitAsync(rooms, form, new Dictionary<string, string> { ["NewRoom.Name"] = name }, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(Prefix + "/admin/rooms", posted.Response.Headers.Location!.OriginalString);
        Assert.True(await WithDbAsync(db => db.Rooms.AnyAsync(r => r.Name == name)));
    }

    [Fact]
    public async Task UnderAPathBase_ThePatientsEmailLinkOpensTheirPage_AndItsFormsPostUnderThePrefix()
    {
        var booked = await TestData.BookAsync(Factory.Services, DateTime.UtcNow.Date.AddDays(40).AddHours(15));
        var mail = await DispatchPatientEmailAsync(booked);

        var link = LinkPattern().Match(mail).Value;
        Assert.StartsWith("https://localhost" + Prefix + "/p/", link, StringComparison.Ordinal);
        using var patient = CreateClient();
        var page = await patient.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertEveryLocalUrlCarriesThePrefix(page);
        var token = new Uri(link).AbsolutePath[(Prefix + "/p/").Length..];
        Assert.NotNull(page.FormPostingTo($"{Prefix}/p/{token}/confirm"));
    }

    /// <summary>Links, forms, stylesheets, scripts and images that point into the app all start with the prefix.</summary>
    private static void AssertEveryLocalUrlCarriesThePrefix(Page page)
    {
        var urls = page.Document.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href")!)
            .Concat(page.Document.QuerySelectorAll("form[action]").Select(e => e.GetAttribute("action")!))
            .Concat(page.Document.QuerySelectorAll("script[src], img[src]").Select(e => e.GetAttribute("src")!))
            .Where(u => u.StartsWith('/'))
            .ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.True(u == Prefix || u.StartsWith(Prefix + "/", StringComparison.Ordinal), $"{u} on {page.Url} lacks {Prefix}"));
    }

    private BrowserClient CreateClient() => new(Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    }));

    private async Task<BrowserClient> SignedInAsync(TestUser user)
    {
        var browser = CreateClient();
        var login = await browser.GetAsync(Prefix + "/account/login");
        var start = await browser.SubmitAsync(login, login.FormWithField("Email"), new Dictionary<string, string>
        {
            ["Email"] = user.Email,
            ["Password"] = user.Password,
        });
        Assert.Equal(Prefix + "/", start.Url.AbsolutePath);
        return browser;
    }

    private async Task<string> DispatchPatientEmailAsync(BookedAppointment booked)
    {
        using var mail = await PatientEmails.SendBookedAsync(Factory, booked);
        return mail.TextBody + "\n" + mail.HtmlBody;
    }

    private async Task<T> WithDbAsync<T>(Func<ApplicationDbContext, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    [GeneratedRegex(@"https?://[^\s""<]+/p/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
