using System.Text.RegularExpressions;

namespace Scheduling.BrowserTests;

/// <summary>
/// Follows every link a signed-in person is shown, from the start page on, and asserts none of them
/// leads to an error, a "not allowed" or "not found" page, or a CSP violation: no dead ends by role.
/// Links are told apart by their shape (ids and query strings folded), so each kind of page is opened once.
/// </summary>
[Collection(BookingCollection.Name)]
public sealed partial class LinksInTheBrowserTests(BrowserApp app)
{
    private const int MaxPages = 60;

    [Theory]
    [InlineData("doctor@clinic.test")]
    [InlineData("scheduler@clinic.test")]
    [InlineData("radiologist@clinic.test")]
    [InlineData("admin@clinic.test")]
    public async Task EveryLinkShownToTheRole_OpensAPageWithoutErrorOrCspViolation(string email)
    {
        // Some data, so the queues, bookings and referral pages have rows with links.
        var patient = TestPatient.Unique("Lena");
        await using (var doctor = await app.NewSessionAsync())
        await using (var scheduler = await app.NewSessionAsync())
        {
            await doctor.SignInAsync("doctor@clinic.test");
            await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday);
            await CareJourney.DoctorSubmitsReferralAsync(doctor, TestPatient.Unique("Nora"), app.ClinicToday, bilirubin: 2.4m, ecog: 1);
            await scheduler.SignInAsync("scheduler@clinic.test");
            await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, patient);
        }

        await using var session = await app.NewSessionAsync();
        await session.SignInAsync(email);
        var problems = new List<string>();
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

            var hrefs = await session.Page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            foreach (var href in hrefs.Where(Followable))
            {
                toVisit.Enqueue((href.StartsWith(app.BaseUrl, StringComparison.Ordinal) ? href[app.BaseUrl.Length..] : href, url));
            }
        }

        Assert.Empty(problems);
        Assert.Empty(session.CspViolations);
        Assert.True(seen.Count >= 3, $"Only {seen.Count} pages were reachable: {string.Join(", ", seen)}");
    }

    /// <summary>Pages of this app, except signing out, the Hangfire dashboard (its own UI) and the development mail page (every email, to anyone).</summary>
    private bool Followable(string? href) =>
        href is not null
        && (href.StartsWith('/') || href.StartsWith(app.BaseUrl + "/", StringComparison.Ordinal))
        && !href.Contains("/hangfire", StringComparison.Ordinal)
        && !href.Contains("/dev/mail", StringComparison.Ordinal)
        && !href.Contains("logout", StringComparison.OrdinalIgnoreCase);

    private static string Shape(string url) => Query().Replace(Id().Replace(url, "{id}"), "?…");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Id();

    [GeneratedRegex(@"\?.*$")]
    private static partial Regex Query();
}
