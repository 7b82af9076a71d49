using System.Net;

using Microsoft.AspNetCore.Hosting;

using Scheduling.Application.Common.Security;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>The app as a clinic runs it: environment Production, where Admin must use two-factor; the setting adds Scheduler.</summary>
public sealed class ProductionApp : IAsyncLifetime
{
    public SchedulingWebFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Factory = await WebApp.StartAsync(SqliteTestDatabase.Create(), builder =>
        {
            builder.UseEnvironment("Production");
            // Production refuses to start with placeholder clinic details or without a relay.
            builder.UseSetting("Clinic:Name", "Riverside Interventional Radiology");
            builder.UseSetting("Clinic:Phone", "+1 617 555 0142");
            builder.UseSetting("Clinic:Address", "200 River Street, Boston, MA");
            builder.UseSetting("Clinic:PublicBaseUrl", "https://tace.riverside.example.org");
            builder.UseSetting("Email:FromAddress", "ir-scheduling@riverside.example.org");
            builder.UseSetting("Email:AllowPickupFolderInProduction", "true");
            builder.UseSetting("DataProtection:CertificatePath", KeyRingCertificates.Shared);
            builder.UseSetting("DataProtection:CertificatePassword", KeyRingCertificates.Password);
            builder.UseSetting("Security:RequireTwoFactorForRoles:0", Roles.Scheduler);
        });

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }
}

public sealed class RequiredTwoFactorTests(ProductionApp production) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Admin_InProduction_CanDoNothingButSetUpTwoFactor_ThenWorksNormally()
    {
        var admin = await WebApp.CreateUserAsync(production.Factory, Roles.Admin);
        using var browser = WebApp.CreateClient(production.Factory);

        var landing = await browser.LoginAsync(admin);

        Assert.Equal(TwoFactorPages.EnrolPath, landing.Url.AbsolutePath);
        Assert.Contains("requires two-factor", landing.Body, StringComparison.Ordinal);
        foreach (var url in new[] { "/", "/admin/rooms", "/hangfire", "/account/sessions", "/admin/audit" })
        {
            var page = await browser.GetAsync(url, followRedirects: false);
            Assert.Equal(HttpStatusCode.Found, page.Status);
            Assert.Equal(TwoFactorPages.EnrolPath, page.Response.Headers.Location?.OriginalString);
        }

        var token = landing.Document.QuerySelector("[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await browser.PostWithoutFormAsync("/admin/rooms", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["NewRoom.Name"] = "Room made before two-factor",
        });
        Assert.Equal(TwoFactorPages.EnrolPath, post.Response.Headers.Location?.OriginalString);

        var enrolment = await TwoFactorPages.EnrolAsync(browser);

        Assert.Equal(10, enrolment.RecoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/rooms", followRedirects: false)).Status);
        Assert.DoesNotContain("Room made before two-factor", (await browser.GetAsync("/admin/rooms")).Body, StringComparison.Ordinal);
        var status = await browser.GetAsync("/account/two-factor");
        Assert.Null(status.Document.QuerySelector("[name='Disable.Password']"));
        Assert.Contains("required for your role", status.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireTwoFactorForRoles_ExtendsTheRuleToTheRolesItNames_AndNoOthers()
    {
        var scheduler = await WebApp.CreateUserAsync(production.Factory, Roles.Scheduler);
        var radiologist = await WebApp.CreateUserAsync(production.Factory, Roles.Radiologist);
        using var schedulerBrowser = WebApp.CreateClient(production.Factory);
        using var radiologistBrowser = WebApp.CreateClient(production.Factory);

        Assert.Equal(TwoFactorPages.EnrolPath, (await schedulerBrowser.LoginAsync(scheduler)).Url.AbsolutePath);
        Assert.Equal("/", (await radiologistBrowser.LoginAsync(radiologist)).Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await radiologistBrowser.GetAsync("/review", followRedirects: false)).Status);
    }

    [Fact]
    public async Task AnAdminWithTwoFactorOn_SignsInWithTheCode_AndIsNotAskedToEnrolAgain()
    {
        var admin = await WebApp.CreateUserAsync(production.Factory, Roles.Admin);
        string key;
        using (var first = WebApp.CreateClient(production.Factory))
        {
            await first.LoginAsync(admin);
            key = (await TwoFactorPages.EnrolAsync(first)).Key;
        }

        using var browser = WebApp.CreateClient(production.Factory);
        var home = await TwoFactorPages.SignInAsync(browser, admin, Scheduling.TestSupport.Totp.Next(key));

        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/hangfire", followRedirects: false)).Status);
    }
}
