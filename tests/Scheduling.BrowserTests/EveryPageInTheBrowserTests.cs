using System.Text.RegularExpressions;

namespace Scheduling.BrowserTests;

/// <summary>
/// One crawl per role, from the start page on, following every link the person is shown: each page
/// answers 200 (no error, "not allowed" or "not found": no dead ends), has no axe violation (WCAG 2.0
/// and 2.1, A and AA) and causes no CSP violation. Pages are told apart by their kind (ids, dates and
/// query strings folded), so each kind is opened once and the day list of every date does not use up
/// the <see cref="MaxPages"/> budget one day after another.
/// <para>
/// Each role is its own class, so its own test collection: the four crawls run beside the tests that
/// book slots and beside each other. The data they need (a ready referral, one waiting for review and
/// a booking) is made once for all four; its booking takes the <em>last</em> slot the form offers,
/// so it never races the booking tests, which take the first.
/// </para>
/// </summary>
public abstract partial class EveryPageInTheBrowserTests(BrowserApp app, string email)
{
    private const int MaxPages = 60;

    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static bool _seeded;

    [Fact]
    public async Task EveryPageTheRoleCanReach_Opens_WithoutWcagAaOrCspViolation()
    {
        await SeedOnceAsync();
        await using var session = await app.NewSessionAsync();
        await session.SignInAsync(email);
        var problems = new List<string>();
        var violations = new List<string>();
        var seen = new HashSet<string>();
        var toVisit = new Queue<(string Url, string From)>();
        toVisit.Enqueue(("/", "the start page"));
        while (toVisit.Count > 0 && seen.Count < MaxPages)
        {
            var (url, from) = toVisit.Dequeue();
            if (!seen.Add(Shape(url)))
            {
                continue;
            }

            var response = await BrowserApp.OpenAsync(session.Page, url);
            if (response is null || response.Status != 200)
            {
                problems.Add($"{url} (linked from {from}) answered {response?.Status}");
                continue;
            }

            if (url.Contains("/attachments/", StringComparison.Ordinal))
            {
                // A document the doctor attached, not a page of the app: it opens, and that is all.
                continue;
            }

            violations.AddRange(await Axe.ViolationsAsync(session.Page, url));
            var hrefs = await session.Page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            foreach (var href in hrefs.Where(Followable))
            {
                toVisit.Enqueue((href.StartsWith(app.BaseUrl, StringComparison.Ordinal) ? href[app.BaseUrl.Length..] : href, url));
            }
        }

        Assert.True(seen.Count >= 3, $"Only {seen.Count} pages were reachable: {string.Join(", ", seen)}");
        Assert.Empty(problems);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Empty(session.CspViolations);
    }

    /// <summary>Some data, so the queues, bookings and referral pages have rows with links: made by the first crawl that starts.</summary>
    private async Task SeedOnceAsync()
    {
        await SeedGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_seeded)
            {
                return;
            }

            var patient = TestPatient.Unique("Ines");
            await using var doctor = await app.NewSessionAsync();
            await using var scheduler = await app.NewSessionAsync();
            await doctor.SignInAsync("doctor@clinic.test");
            await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday);
            await CareJourney.DoctorSubmitsReferralAsync(doctor, TestPatient.Unique("Olga"), app.ClinicToday, bilirubin: 2.4m, ecog: 1);
            await scheduler.SignInAsync("scheduler@clinic.test");
            await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, patient, CareJourney.LastSlotOutsideLeadTime);
            _seeded = true;
        }
        finally
        {
            SeedGate.Release();
        }
    }

    /// <summary>Pages of this app, except signing out, the Hangfire dashboard (its own UI) and the development mail page (every email, to anyone).</summary>
    private bool Followable(string? href) =>
        href is not null
        && (href.StartsWith('/') || href.StartsWith(app.BaseUrl + "/", StringComparison.Ordinal))
        && !href.Contains("/hangfire", StringComparison.Ordinal)
        && !href.Contains("/dev/mail", StringComparison.Ordinal)
        && !href.Contains("logout", StringComparison.OrdinalIgnoreCase);

    private static string Shape(string url) => Query().Replace(Date().Replace(Id().Replace(url, "{id}"), "{date}"), "?…");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Id();

    [GeneratedRegex(@"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"\?.*$")]
    private static partial Regex Query();
}

public sealed class EveryPageTheDoctorCanReachInTheBrowserTests(BrowserApp app) : EveryPageInTheBrowserTests(app, "doctor@clinic.test");

public sealed class EveryPageTheSchedulerCanReachInTheBrowserTests(BrowserApp app) : EveryPageInTheBrowserTests(app, "scheduler@clinic.test");

public sealed class EveryPageTheRadiologistCanReachInTheBrowserTests(BrowserApp app) : EveryPageInTheBrowserTests(app, "radiologist@clinic.test");

public sealed class EveryPageTheAdminCanReachInTheBrowserTests(BrowserApp app) : EveryPageInTheBrowserTests(app, "admin@clinic.test");
