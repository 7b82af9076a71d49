using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using Scheduling.Domain.Common;
using Scheduling.TestSupport;

namespace Scheduling.BrowserTests;

/// <summary>
/// The real app on a real Kestrel port (Development environment, so the demo accounts and the
/// development mail page exist), with its own SQLite file, driven by Debian's Chromium.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "tace-browser-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Where the app writes its emails (Development: the pickup folder, as .eml files).</summary>
    public string MailFolder => Path.Combine(_dataFolder, "mail-pickup");

    /// <summary>Today in the clinic's time zone, the day the app itself dates labs and lead times from.</summary>
    public DateOnly ClinicToday => _factory!.Services.GetRequiredService<ClinicTime>().Today(TimeProvider.System);

    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    /// <summary>
    /// The weeks between a booking and its procedure pass: the booked slot moves back to 08:10 clinic
    /// time on a past day (the app runs on the system clock and refuses to book the past, and an outcome
    /// is recorded only once the procedure day has begun). Nothing else about the booking changes.
    /// </summary>
    public async Task<DateOnly> MoveBookingBackAsync(Guid bookingId, int daysAgo)
    {
        var services = _factory!.Services;
        var day = ClinicToday.AddDays(-daysAgo);
        var start = services.GetRequiredService<ClinicTime>().ToUtc(day, new TimeOnly(8, 10));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Scheduling.Infrastructure.Persistence.ApplicationDbContext>();
        var slotId = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.SlotId).SingleAsync();
        var moved = await db.Slots.Where(s => s.Id == slotId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.StartUtc, start)
            .SetProperty(s => s.EndUtc, start + Scheduling.Domain.Slots.SlotPolicy.ProcedureLength)
            .SetProperty(s => s.LocalDate, day));
        Assert.Equal(1, moved);
        return day;
    }

    /// <summary>
    /// No test waits on Playwright's page lifecycle events. Under two busy loops the "load" event of a
    /// page was now and then never reported (the log showed network idle, the server had answered in
    /// milliseconds, and the wait ran out at 30 s, then at 90 s). Waiting until the new address was
    /// "committed" did not help: when the address already matches, Playwright's WaitForURL waits for
    /// "load" whatever it is told (its ToLoadState has no Commit). So a navigation waits for its
    /// response to be committed and then polls the page's own document.readyState
    /// (<see cref="OpenAsync"/>), and a click that navigates polls the page's address
    /// (<see cref="ArrivedAtAsync"/>); what the test then expects on the page waits for the content.
    /// </summary>
    public static async Task<IResponse?> OpenAsync(IPage page, string url, float timeout = PageDeadlineMilliseconds)
    {
        var response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = timeout });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { PollingInterval = 50, Timeout = timeout });
        return response;
    }

    /// <summary>
    /// Reloads <paramref name="page"/> until <paramref name="rows"/> counts <paramref name="count"/>: for a page
    /// that shows what a background job has written by the time it loads (the development mail page), so
    /// waiting on the loaded page alone would wait for something that can only appear after a reload. The
    /// deadline is the page deadline: on a busy 2-core CI machine the outbox and the job queue run late,
    /// and a fixed 30 s once ran out before the email was written.
    /// </summary>
    public static async Task ReloadUntilCountAsync(IPage page, ILocator rows, int count)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(PageDeadlineMilliseconds);
        while (await rows.CountAsync() < count && DateTime.UtcNow < deadline)
        {
            try
            {
                await Assertions.Expect(rows).ToHaveCountAsync(count, new() { Timeout = 1000 });
            }
            catch (PlaywrightException)
            {
                await OpenAsync(page, page.Url);
            }
        }

        await Assertions.Expect(rows).ToHaveCountAsync(count, new() { Timeout = 1000 });
    }

    /// <summary>
    /// Clicks a button that posts its form back to the same address and waits until the answer is a new
    /// document. For a form whose answer looks like the page it was sent from (a search posted to itself:
    /// same address, same fields, same rows), waiting for content alone would pass on the old page and let
    /// the next step race the post. The old document is marked first; the new one has no mark.
    /// </summary>
    public static async Task SubmitToSamePageAsync(IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => document.documentElement.dataset.leaving = 'yes'");
        await button.ClickAsync();
        await page.WaitForFunctionAsync(
            "() => document.documentElement.dataset.leaving !== 'yes' && document.readyState === 'complete'",
            null,
            new() { PollingInterval = 50, Timeout = PageDeadlineMilliseconds });
    }

    /// <summary>Waits until the page's address matches (polled; no lifecycle event is waited for).</summary>
    public static Task ArrivedAtAsync(IPage page, Regex address) => Assertions.Expect(page).ToHaveURLAsync(address);

    /// <summary>Waits until the page has left the sign-in form (polled).</summary>
    public static Task LeftSignInAsync(IPage page, float timeout = PageDeadlineMilliseconds) =>
        Assertions.Expect(page).Not.ToHaveURLAsync(SignInAddress, new() { Timeout = timeout });

    private static readonly Regex SignInAddress = new("/account/login");

    /// <summary>How long a click, a navigation or an expectation waits before the page counts as broken.</summary>
    public const float PageDeadlineMilliseconds = 90_000;

    /// <summary>An account of the test's own (demo password), for tests that change it (two-factor).</summary>
    public Task<string> CreateUserAsync(string role) => CreateUserAsync(_factory, role);

    /// <summary>As <see cref="CreateUserAsync(string)"/>, in the given app (see <see cref="StartApp"/>).</summary>
    public static async Task<string> CreateUserAsync(WebApplicationFactory<Program>? factory, string role)
    {
        if (factory is null)
        {
            Assert.Skip("Chromium is not installed (apt-get install chromium); .ci/run installs it.");
        }

        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@clinic.test";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Scheduling.Infrastructure.Identity.ApplicationUser>>();
        var user = new Scheduling.Infrastructure.Identity.ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Browser " + role, LockoutEnabled = true };
        var created = await users.CreateAsync(user, BrowserSession.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    public async ValueTask InitializeAsync()
    {
        if (!ChromiumInstalled)
        {
            return;
        }

        (_factory, BaseUrl) = StartApp(_dataFolder);

        // Playwright's expectations give up after 5 s by default. On a 2-core CI machine that is also
        // building or running other test assemblies, a page's first render (Chromium, Razor compile on
        // first hit) can take longer than that; the deadline is for a page that never shows, not a slow one.
        Assertions.SetDefaultExpectTimeout(PageDeadlineMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });

        await WarmUpAsync();
    }

    /// <summary>
    /// Starts the app (Development, demo accounts and rooms) on a free loopback port with its own SQLite
    /// file in <paramref name="dataFolder"/>. The assembly's app is one; a test class whose data would
    /// constrain every other booking (capacity) starts one of its own and shares the browser.
    /// </summary>
    public static (WebApplicationFactory<Program> Factory, string BaseUrl) StartApp(string dataFolder)
    {
        // Kestrel cannot bind "localhost" to port 0, so a free port is asked of the OS first. Knowing it
        // before the start lets the emailed patient links point at this very app, as they do in production.
        var port = LoopbackPort.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Storage:DataFolder", dataFolder);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("RateLimits:SignInPerMinute", "1000");
            builder.UseSetting("Clinic:PublicBaseUrl", baseUrl);
            // UseKestrel(port) on a factory made by WithWebHostBuilder was not applied (Kestrel fell
            // back to its default port 5000), so the address is given as the host's URLs instead.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, baseUrl);
        });
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        if (!addresses.Addresses.Any(a => a.EndsWith($":{port}", StringComparison.Ordinal) || a.EndsWith($":{port}/", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The app listens on {string.Join(", ", addresses.Addresses)}, not on port {port}.");
        }

        return (factory, baseUrl);
    }

    /// <summary>
    /// The app's and the browser's cold start (first request: EF model, Razor views compiled on first
    /// use, the first password hash, Chromium's first page) happens once here, before any test's own
    /// 30 s deadlines start. When every test assembly starts at the same moment on 2 busy cores, that cold
    /// start alone took over 30 s and failed the first test to sign in. A warm-up that never finishes
    /// still fails the class, after its own deadline of two minutes.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var email = await CreateUserAsync("Scheduler");
        await using var session = await NewSessionAsync();
        var page = session.Page;
        var patience = TimeSpan.FromMinutes(2).TotalMilliseconds;
        await OpenAsync(page, "/account/login", (float)patience);
        await page.GetByLabel("Email").FillAsync(email, new() { Timeout = (float)patience });
        await page.GetByLabel("Password").FillAsync(BrowserSession.DemoPassword, new() { Timeout = (float)patience });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(new() { Timeout = (float)patience });
        await LeftSignInAsync(page, (float)patience);
    }

    /// <summary>A fresh browser context (own cookies) and page; console CSP violations are collected.</summary>
    public Task<BrowserSession> NewSessionAsync() => NewSessionAsync(BaseUrl);

    /// <summary>As <see cref="NewSessionAsync()"/>, on another app of the test run (see <see cref="StartApp"/>).</summary>
    public Task<BrowserSession> NewSessionAsync(string baseUrl) => NewSessionAsync(baseUrl, acceptSelfSignedCertificate: false);

    /// <summary>As <see cref="NewSessionAsync(string)"/>; a Production app of the tests serves https with a self-signed certificate.</summary>
    public async Task<BrowserSession> NewSessionAsync(string baseUrl, bool acceptSelfSignedCertificate)
    {
        if (Browser is null)
        {
            Assert.Skip("Chromium is not installed (apt-get install chromium); .ci/run installs it.");
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, IgnoreHTTPSErrors = acceptSelfSignedCertificate });

        // Playwright's 30 s default for clicks and navigations (a page's "load" event included) is the
        // deadline of a page that never shows. With two busy loops and every test assembly on 2 cores,
        // Chromium's renderer got so little CPU that a redirect's load event came after 30 s while the
        // server had answered in milliseconds (CareJourney and RoomAdmin, busy-loop CI runs). The same
        // 90 s as the expectations below: a broken page still fails, a starved one is waited for.
        context.SetDefaultTimeout(PageDeadlineMilliseconds);
        context.SetDefaultNavigationTimeout(PageDeadlineMilliseconds);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                session.CspViolations.Add(message.Text);
            }
        };
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
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
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}

public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public const string DemoPassword = "tace-demo-password";

    public IPage Page { get; } = page;

    public List<string> CspViolations { get; } = [];

    public async Task SignInAsync(string email)
    {
        await BrowserApp.OpenAsync(Page, "/account/login");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(DemoPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await BrowserApp.LeftSignInAsync(Page);
    }

    /// <summary>
    /// Signs out from the staff bar and waits until the sign-in page has come back. Without the wait the
    /// next step raced the sign-out's POST: a sign-in form fetched before the sign-out had landed carries an
    /// antiforgery token made for the signed-in person, which the (then anonymous) sign-in refuses.
    /// </summary>
    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Account" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(Page, SignInPage);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    private static readonly Regex SignInPage = new("/account/login$");

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
