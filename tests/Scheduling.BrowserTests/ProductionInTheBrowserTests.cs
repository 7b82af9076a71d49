using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using MimeKit;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Calendars;

namespace Scheduling.BrowserTests;

/// <summary>
/// The app as a clinic runs it: Production environment on https (Kestrel with a self-signed
/// certificate, Secure cookies, HSTS, the key ring's certificate), emails to the pickup folder,
/// and an administrator who must sign in with two-factor. One app for the class.
/// </summary>
public sealed class ProductionBrowserApp(BrowserApp browser) : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "tace-browser-production-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;

    public string BaseUrl { get; private set; } = string.Empty;

    public const string PublicBaseUrl = "https://tace.riverside.example.org";

    public string MailFolder => Path.Combine(_dataFolder, "mail-pickup");

    public IServiceProvider Services => _factory!.Services;

    public ValueTask InitializeAsync()
    {
        if (!BrowserApp.ChromiumInstalled)
        {
            return ValueTask.CompletedTask;
        }

        var port = LoopbackPort.Free();
        BaseUrl = $"https://127.0.0.1:{port}";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Storage:DataFolder", _dataFolder);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("RateLimits:SignInPerMinute", "1000");
            builder.UseSetting("Clinic:Name", "Riverside Interventional Radiology");
            builder.UseSetting("Clinic:Phone", "+1 617 555 0142");
            builder.UseSetting("Clinic:Address", "200 River Street, Boston, MA 02114");
            // Production refuses a loopback public address: the emailed links point at the clinic's name.
            builder.UseSetting("Clinic:PublicBaseUrl", PublicBaseUrl);
            builder.UseSetting("Email:FromAddress", "ir-scheduling@riverside.example.org");
            builder.UseSetting("Email:AllowPickupFolderInProduction", "true");
            builder.UseSetting("Email:PickupFolder", MailFolder);
            builder.UseSetting("DataProtection:CertificatePath", KeyRingCertificates.Shared);
            builder.UseSetting("DataProtection:CertificatePassword", KeyRingCertificates.Password);
            builder.UseSetting("Kestrel:Certificates:Default:Path", KeyRingCertificates.Shared);
            builder.UseSetting("Kestrel:Certificates:Default:Password", KeyRingCertificates.Password);
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, BaseUrl);
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Assert.Contains(addresses.Addresses, a => a.StartsWith("https://", StringComparison.Ordinal) && a.TrimEnd('/').EndsWith($":{port}", StringComparison.Ordinal));
        return ValueTask.CompletedTask;
    }

    public Task<BrowserSession> NewSessionAsync() => browser.NewSessionAsync(BaseUrl, acceptSelfSignedCertificate: true);

    /// <summary>An administrator whose authenticator app is already set up; returns the email and the shared key.</summary>
    public async Task<(string Email, string Key, string Id)> AdminWithTwoFactorAsync()
    {
        var email = await BrowserApp.CreateUserAsync(_factory, Roles.Admin);
        await using var scope = _factory!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return (email, key, user.Id);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing depends on it.
        }
    }
}

/// <summary>
/// The two flows of issue 20 that need a browser, in Production: an administrator changes the clinic's
/// settings and the next patient email carries them (and that email, rendered in Chromium, is made for
/// a phone; its .ics passes a strict RFC 5545 reading); an administrator resets a lost two-factor and the
/// person enrols again at their next sign-in and signs in. axe on the settings page (with and without
/// errors) and on the reset form.
/// </summary>
public sealed partial class ProductionInTheBrowserTests(ProductionBrowserApp app) : IClassFixture<ProductionBrowserApp>
{
    [Fact]
    public async Task Admin_ChangesTheClinicsSettings_AndTheNextPatientEmailCarriesThem_ReadableOnAPhone()
    {
        var admin = await app.AdminWithTwoFactorAsync();
        await using var session = await app.NewSessionAsync();
        var page = session.Page;
        await SignInWithCodeAsync(session, admin.Email, () => Totp.Now(admin.Key));

        await BrowserApp.OpenAsync(page, "/admin/settings");
        var violations = (await Axe.ViolationsAsync(page, "/admin/settings")).ToList();
        await page.Locator("[name='Values[Clinic:Name]']").FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Values[Clinic:Name]'], #Values_Clinic_Name_-error, .field-validation-error").First).Not.ToBeEmptyAsync();
        violations.AddRange(await Axe.ViolationsAsync(page, "/admin/settings with an error"));
        await page.Locator("[name='Values[Clinic:Name]']").FillAsync("Harbour Interventional Radiology");
        await page.Locator("[name='Values[Clinic:Phone]']").FillAsync("+1 617 555 0199");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

        // The next patient email: a booking made now.
        var startUtc = DateTime.UtcNow.Date.AddDays(10).AddHours(14);
        var booked = await TestData.BookAsync(app.Services, startUtc);
        var message = await EmailToAsync(booked.PatientEmail);
        var html = message.HtmlBody ?? throw new InvalidOperationException("The patient email has no HTML part.");
        Assert.Contains("Harbour Interventional Radiology", message.From.ToString(), StringComparison.Ordinal);
        foreach (var body in new[] { html, message.TextBody })
        {
            Assert.Contains("Harbour Interventional Radiology", body, StringComparison.Ordinal);
            Assert.Contains("+1 617 555 0199", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Riverside", body, StringComparison.Ordinal);
        }

        // Made for a phone: at 375 px nothing is wider than the screen, the button is a real link at least
        // 44 px tall, and the text is at least 14 px (no zooming); at 1280 px the column stays readable.
        // A page of its own, as a mail app shows it (a page of the app would keep the app's CSP).
        await using var reader = await app.NewSessionAsync();
        var mail = reader.Page;
        foreach (var width in new[] { 375, 1280 })
        {
            await mail.SetViewportSizeAsync(width, 800);
            await mail.SetContentAsync(html);
            var overflow = await mail.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"At {width} px the email is {overflow} px wider than the screen.");
            var button = mail.Locator("a.button");
            await Assertions.Expect(button).ToHaveCountAsync(1);
            Assert.StartsWith(ProductionBrowserApp.PublicBaseUrl + "/p/", await button.GetAttributeAsync("href"), StringComparison.Ordinal);
            var box = (await button.BoundingBoxAsync())!;
            Assert.True(box.Height >= 44, $"At {width} px the button is {box.Height} px tall.");
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"At {width} px the button runs off the screen.");
            var smallest = await mail.EvaluateAsync<double>(
                "() => Math.min(...[...document.querySelectorAll('p, li, td, a')].filter(e => e.innerText.trim()).map(e => parseFloat(getComputedStyle(e).fontSize)))");
            Assert.True(smallest >= 14, $"At {width} px some text is {smallest} px.");
            var column = await mail.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('p')].map(p => p.getBoundingClientRect().width))");
            Assert.True(column <= 640, $"At {width} px a paragraph is {column} px wide (hard to read).");
        }

        // The calendar file, read strictly (a second reader beside Ical.Net): tentative until the patient
        // confirms, from the arrival time, with an alarm, and a SEQUENCE.
        var ics = message.Attachments.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content, TestContext.Current.CancellationToken);
        var calendar = StrictIcs.Parse(System.Text.Encoding.UTF8.GetString(content.ToArray()));
        var appointment = Assert.Single(calendar.Children, c => c.Name == "VEVENT");
        Assert.Equal("TENTATIVE", appointment.Required("STATUS").Value);
        appointment.Required("SEQUENCE");
        Assert.Equal(startUtc.AddMinutes(-AppointmentPolicy.DefaultArrivalLeadMinutes), StrictIcs.Utc(appointment.Required("DTSTART")));
        var alarm = Assert.Single(appointment.Children, c => c.Name == "VALARM");
        Assert.Equal("DISPLAY", alarm.Required("ACTION").Value);
        Assert.Contains("Harbour Interventional Radiology", appointment.Required("LOCATION").Value + appointment.Required("DESCRIPTION").Value, StringComparison.Ordinal);
        Assert.Empty(session.CspViolations);
        Assert.Empty(reader.CspViolations);
    }

    [Fact]
    public async Task Admin_ResetsALostTwoFactor_AndThePersonEnrolsAgainAtTheNextSignIn_AndSignsIn()
    {
        var admin = await app.AdminWithTwoFactorAsync();
        var lost = await app.AdminWithTwoFactorAsync();
        await using var session = await app.NewSessionAsync();
        var page = session.Page;
        await SignInWithCodeAsync(session, admin.Email, () => Totp.Now(admin.Key));

        await BrowserApp.OpenAsync(page, $"/admin/users/{lost.Id}");
        var violations = (await Axe.ViolationsAsync(page, "reset form")).ToList();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset two-factor" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Reset.Reason']")).ToContainTextAsync("Say why");
        violations.AddRange(await Axe.ViolationsAsync(page, "reset form with errors"));
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.GetByLabel("Reason").FillAsync("Lost phone and recovery codes; identity checked at the desk");
        await page.Locator("[name='Reset.YourCode']").FillAsync(Totp.Next(admin.Key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset two-factor" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor reset");

        // The person's next sign-in: password, then straight to setting two-factor up again with a new key.
        await using var person = await app.NewSessionAsync();
        await person.SignInAsync(lost.Email);
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-factor" })).ToBeVisibleAsync();
        var newKey = (await person.Page.GetByTestId("shared-key").TextContentAsync())!.Trim();
        Assert.NotEqual(Normalized(lost.Key), Normalized(newKey));
        await person.Page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Now(newKey));
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor" }).ClickAsync();
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor is on" })).ToBeVisibleAsync();
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "Ready to book" })).ToBeVisibleAsync();

        // And signs in the ordinary way afterwards, with a code from the new key.
        await person.SignOutAsync();
        await SignInWithCodeAsync(person, lost.Email, () => Totp.Next(newKey));
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "Ready to book" })).ToBeVisibleAsync();
        Assert.Empty(session.CspViolations);
        Assert.Empty(person.CspViolations);
    }

    /// <summary>
    /// Password, then the code. The code is taken from the app when the code page is there, not before the
    /// password step: under load that step took long enough for an earlier code to go stale.
    /// </summary>
    private static async Task SignInWithCodeAsync(BrowserSession session, string email, Func<string> code)
    {
        await session.SignInAsync(email);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await session.Page.GetByLabel("Code from your authenticator app").FillAsync(code());
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Ready to book" })).ToBeVisibleAsync();
    }

    private static string Normalized(string key) => key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The email to <paramref name="address"/> in the pickup folder, once the outbox has written it.</summary>
    private async Task<MimeMessage> EmailToAsync(string address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            foreach (var file in Directory.Exists(app.MailFolder) ? Directory.GetFiles(app.MailFolder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
                if (message.To.Mailboxes.Any(m => m.Address == address))
                {
                    return message;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No email to the patient in {app.MailFolder} after 90 s.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
