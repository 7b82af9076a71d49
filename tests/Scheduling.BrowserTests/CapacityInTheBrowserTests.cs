using System.Globalization;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using Scheduling.Domain.Common;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;

namespace Scheduling.BrowserTests;

/// <summary>
/// An app and a database of its own, driven by the assembly's Chromium: two recovery bays and two IR
/// physicians entered here would make every booking in the shared app need them (and a full bay
/// would refuse other tests' cases). Development, so it has the demo accounts and the two demo suites
/// (Monday to Friday, 07:30, 09:30, 11:30, 13:30; four hours' recovery).
/// </summary>
public sealed class CapacityBrowserApp(BrowserApp browser) : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "tace-browser-capacity-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;

    public string BaseUrl { get; private set; } = string.Empty;

    public DateOnly ClinicToday => _factory!.Services.GetRequiredService<ClinicTime>().Today(TimeProvider.System);

    public ValueTask InitializeAsync()
    {
        if (BrowserApp.ChromiumInstalled)
        {
            (_factory, BaseUrl) = BrowserApp.StartApp(_dataFolder);
        }

        return ValueTask.CompletedTask;
    }

    public Task<BrowserSession> NewSessionAsync() => browser.NewSessionAsync(BaseUrl);

    /// <summary>Referrals ready to schedule (the intake is not what this app tests) and the demo suites' ids by name.</summary>
    public async Task<(IReadOnlyList<Guid> Referrals, IReadOnlyDictionary<string, Guid> Rooms)> SeedAsync(params string[] lastNames)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var doctor = TestData.Doctor();
        db.Users.Add(doctor);
        var referrals = lastNames.Select(name => TestData.ReadyReferral(doctor.Id, now, name)).ToList();
        db.Referrals.AddRange(referrals);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Name, r => r.Id, TestContext.Current.CancellationToken);
        return (referrals.Select(r => r.Id).ToList(), rooms);
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
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>
/// Issue 22's story in Chromium: an admin sets two recovery bays, two IR physicians and Dr Lee's
/// Tuesday-afternoon meeting; the scheduler sees the third case whose recovery overlaps two others
/// refused with the reason, and books it once a bay frees; the booking and the day list name the
/// physician and the bay. axe on the capacity pages (also with errors), the booking form with its
/// passed-over slots, and the day list.
/// </summary>
public sealed partial class CapacityInTheBrowserTests(CapacityBrowserApp app) : IClassFixture<CapacityBrowserApp>
{
    [Fact]
    public async Task TwoBaysAndATuesdayMeeting_RefuseTheThirdOverlappingCaseWithTheReason_UntilABayFrees()
    {
        var tuesday = app.ClinicToday.AddDays(7);
        while (tuesday.DayOfWeek != DayOfWeek.Tuesday)
        {
            tuesday = tuesday.AddDays(1);
        }

        var (referrals, rooms) = await app.SeedAsync("Ashworth", "Brennan", "Castell");
        var violations = new List<string>();

        // The admin: a unit of two bays, two physicians, Dr Lee's weekly tumour board on Tuesday afternoons.
        await using (var admin = await app.NewSessionAsync())
        {
            var page = admin.Page;
            await admin.SignInAsync("admin@clinic.test");
            await BrowserApp.OpenAsync(page, "/admin/capacity");
            await Assertions.Expect(page.GetByText("Until one is added, bookings are not checked against them.").First).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(page, "capacity page"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-valmsg-for='NewResource.Name']")).ToHaveTextAsync("Enter a name.");
            violations.AddRange(await Axe.ViolationsAsync(page, "capacity page with errors"));

            await AddAsync(page, "RecoveryUnit", "Day unit", bays: 2);
            await Assertions.Expect(page.GetByText("Recovery unit, 2 bays")).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(page, "recovery unit page"));
            await BrowserApp.OpenAsync(page, "/admin/capacity");
            await AddAsync(page, "Physician", "Dr Okafor");
            await BrowserApp.OpenAsync(page, "/admin/capacity");
            await AddAsync(page, "Physician", "Dr Lee");

            await page.GetByLabel("Day", new() { Exact = true }).FillAsync(tuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByLabel("From (empty for the whole day)").FillAsync("13:00");
            await page.GetByLabel("To", new() { Exact = true }).FillAsync("17:00");
            await page.GetByLabel("What", new() { Exact = true }).SelectOptionAsync("Meeting");
            await page.GetByLabel("Note (shown to schedulers, no patient details)").FillAsync("Tumour board");
            await page.GetByLabel("Every week for (weeks)").FillAsync("4");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enter", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Time away entered for 4 weeks.");
            await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = "Meeting: Tumour board (weekly)" })).ToHaveCountAsync(4);
            violations.AddRange(await Axe.ViolationsAsync(page, "physician page with time away"));
            Assert.Empty(admin.CspViolations);
        }

        await using var scheduler = await app.NewSessionAsync();
        await scheduler.SignInAsync("scheduler@clinic.test");
        var s = scheduler.Page;
        var suite1 = rooms["IR Suite 1"];
        var suite2 = rooms["IR Suite 2"];

        // Two cases at 07:30 in the two suites: one physician each, both bays taken 09:00–13:00.
        var first = await BookAsync(s, referrals[0], suite1, tuesday, Slot(tuesday, "7:30 AM–9:00 AM", "IR Suite 1"));
        await Assertions.Expect(s.Locator("#booking-physician")).ToHaveTextAsync("Dr Lee");
        var second = await BookAsync(s, referrals[1], suite2, tuesday, Slot(tuesday, "7:30 AM–9:00 AM", "IR Suite 2"));
        await Assertions.Expect(s.Locator("#booking-physician")).ToHaveTextAsync("Dr Okafor");
        await Assertions.Expect(s.Locator("#booking-bay")).ToHaveTextAsync("A bay in Day unit until 1:00 PM");

        // The third case at 09:30 would need a bay 11:00 AM–3:00 PM: refused, with the reason, not offered.
        var third = Slot(tuesday, "9:30 AM–11:00 AM", "IR Suite 1");
        await OpenBookingFormAsync(s, referrals[2], suite1, tuesday);
        await Assertions.Expect(NotOffered(s, third)).ToContainTextAsync("no recovery bay 11:00 AM–3:00 PM");
        await Assertions.Expect(Offered(s, third)).ToHaveCountAsync(0);
        violations.AddRange(await Axe.ViolationsAsync(s, "booking form with slots passed over"));

        // Asked for Dr Lee, the Tuesday-afternoon slot says why not: his meeting.
        await s.GetByLabel("IR physician").SelectOptionAsync(new SelectOptionValue { Label = "Dr Lee" });
        await s.GetByRole(AriaRole.Button, new() { Name = "Show slots" }).ClickAsync();
        await Assertions.Expect(NotOffered(s, Slot(tuesday, "1:30 PM–3:00 PM", "IR Suite 1"))).ToContainTextAsync("Dr Lee in a meeting (Tumour board) 1:00 PM–5:00 PM");

        // A bay frees: the first case is cancelled, and the third is booked into it.
        await BrowserApp.OpenAsync(s, $"/scheduling/bookings/{first}");
        await s.GetByLabel("Reason for cancelling").FillAsync("Patient moved to another hospital");
        await s.GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Assertions.Expect(s.Locator("#booking-status")).ToHaveTextAsync("Cancelled");
        var booked = await BookAsync(s, referrals[2], suite1, tuesday, third);
        await Assertions.Expect(s.Locator("#booking-bay")).ToHaveTextAsync("A bay in Day unit until 3:00 PM");
        // Dr Lee is free again and has the fewer cases this month (assigned fairly, then by name).
        await Assertions.Expect(s.Locator("#booking-physician")).ToHaveTextAsync("Dr Lee");

        // The day list: each case's physician and bay, and who is away that afternoon.
        await BrowserApp.OpenAsync(s, $"/scheduling/day/{tuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await Assertions.Expect(s.Locator($"tr[data-booking='{booked}'] .day-team")).ToHaveTextAsync("Dr Lee · bay in Day unit until 3:00 PM");
        await Assertions.Expect(s.Locator($"tr[data-booking='{second}'] .day-team")).ToHaveTextAsync("Dr Okafor · bay in Day unit until 1:00 PM");
        await Assertions.Expect(s.Locator("#day-away")).ToContainTextAsync("Dr Lee in a meeting (Tumour board) 1:00 PM–5:00 PM");
        violations.AddRange(await Axe.ViolationsAsync(s, "day list with physicians and bays"));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Empty(scheduler.CspViolations);
    }

    /// <summary>From the capacity page: the add form filled and sent; lands on the new resource's page.</summary>
    private static async Task AddAsync(IPage page, string kind, string name, int? bays = null)
    {
        await page.GetByLabel("What it is").SelectOptionAsync(kind);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        if (bays is { } count)
        {
            await page.GetByLabel("Bays (recovery units only)").FillAsync(count.ToString(CultureInfo.InvariantCulture));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 })).ToBeVisibleAsync();
    }

    private static Task OpenBookingFormAsync(IPage page, Guid referralId, Guid roomId, DateOnly from) =>
        BrowserApp.OpenAsync(page, $"/scheduling/referrals/{referralId}/book?roomId={roomId}&from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");

    /// <summary>The booking form for the referral, that slot ticked and booked; returns the booking's id.</summary>
    private static async Task<Guid> BookAsync(IPage page, Guid referralId, Guid roomId, DateOnly day, string slot)
    {
        await OpenBookingFormAsync(page, referralId, roomId, day);
        await Offered(page, slot).GetByRole(AriaRole.Radio).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book selected slot" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, BookingPage());
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Pending confirmation");
        return Guid.Parse(BookingPage().Match(page.Url).Groups["id"].Value);
    }

    /// <summary>How the booking form names a slot: "Tue 8 Dec 2026, 9:30 AM–11:00 AM · IR Suite 1".</summary>
    private static string Slot(DateOnly day, string times, string room) =>
        $"{day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}, {times} · {room}";

    private static ILocator Offered(IPage page, string slot) => page.Locator("#bookable-slots li.form-check").Filter(new() { HasText = slot });

    private static ILocator NotOffered(IPage page, string slot) => page.Locator("#slots-not-offered li").Filter(new() { HasText = slot });

    [GeneratedRegex(@"/scheduling/bookings/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex BookingPage();
}
