using System.Globalization;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Scheduling.TestSupport;
using Scheduling.TestSupport.Html;

namespace Scheduling.BrowserTests;

/// <summary>A made-up patient with a name and email no other test uses, so tests sharing the app never see each other's rows.</summary>
public sealed record TestPatient(string FirstName, string LastName, string Email)
{
    /// <summary>The value of the referral form's language choice ("en", "es", "other").</summary>
    public string Language { get; init; } = "en";

    public string FullName => $"{FirstName} {LastName}";

    public string Initials => $"{FirstName[0]}{LastName[0]}";

    public static TestPatient Unique(string firstName)
    {
        // Letters only: names are validated as names, and the suffix keeps the rows apart.
        var suffix = string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiHexDigitLower).Select(c => (char)('a' + (c % 26))).Take(6));
        var lastName = "Browne" + suffix;
        return new TestPatient(firstName, lastName, $"{firstName.ToLowerInvariant()}.{lastName.ToLowerInvariant()}@example.com");
    }
}

/// <summary>A free slot as the booking pages label it ("Mon 30 Nov 2026, 07:30–09:00 · IR Suite 1"), in clinic time.</summary>
public sealed record ChosenSlot(string Label, DateTime LocalStart, string Room)
{
    public string When => Label.Split(" · ")[0].Trim();

    public static ChosenSlot Parse(string label)
    {
        var text = Regex.Replace(label, @"\s+", " ").Trim();
        var parts = text.Split(" · ");
        var room = Regex.Replace(parts[1], "inside lead time.*$", string.Empty).Trim();
        var start = DateTime.ParseExact(parts[0].Split('–')[0].Trim(), "ddd d MMM yyyy, h:mm tt", CultureInfo.GetCultureInfo("en-US"));
        return new ChosenSlot($"{parts[0]} · {room}", start, room);
    }
}

/// <summary>
/// Test classes that book the first free slot run one after the other: run side by side, two of
/// them pick the same slot and one is (rightly) refused with "just taken".
/// </summary>
[CollectionDefinition(Name)]
public sealed class BookingCollection
{
    public const string Name = "Books slots";
}

/// <summary>The steps people take in the browser, written once so each test reads as the story it proves.</summary>
public static partial class CareJourney
{
    /// <summary>Every test patient's date of birth as the doctor types it.</summary>
    public static readonly DateOnly DateOfBirth = new(1958, 4, 12);

    /// <summary>Fills every field of the new-referral form the way a doctor would and presses Submit; returns the referral's id.</summary>
    public static async Task<Guid> DoctorSubmitsReferralAsync(BrowserSession doctor, TestPatient patient, DateOnly clinicToday, decimal bilirubin = 1.0m, int ecog = 0)
    {
        var page = doctor.Page;
        await BrowserApp.OpenAsync(page, "/referrals/new");

        await page.GetByLabel("First name", new() { Exact = true }).FillAsync(patient.FirstName);
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync(patient.LastName);
        await Field(page, "Details.PatientDateOfBirth").FillAsync(DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Sex", new() { Exact = true }).SelectOptionAsync("Female");
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+1 555 0100");
        await Field(page, "Details.PatientEmail").FillAsync(patient.Email);
        await page.GetByLabel("Preferred language", new() { Exact = true }).SelectOptionAsync(patient.Language);
        await page.GetByLabel("Practice", new() { Exact = true }).FillAsync("Riverside Oncology");
        await page.GetByLabel("Contact (name, phone, email)", new() { Exact = true }).FillAsync("Dr. Dana, 555-0100");
        await page.GetByLabel("Primary diagnosis (as you would write it)", new() { Exact = true }).FillAsync("Hepatocellular carcinoma, multifocal");
        await page.GetByLabel("ICD-10 code", new() { Exact = true }).FillAsync("C22.0");
        await page.GetByLabel("Urgency", new() { Exact = true }).SelectOptionAsync("Routine");

        // The shared eligible answers, as the questionnaire names its fields; the ones it leaves unanswered stay untouched.
        var eligible = TestData.EligibleQuestionnaire(clinicToday) with { BilirubinMgDl = bilirubin, Ecog = ecog };
        var answers = HtmlForms.FieldsOf("Questionnaire", eligible).Where(f => f.Value.Length > 0);
        foreach (var (name, value) in answers)
        {
            var field = Field(page, name);
            if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await field.SelectOptionAsync(value);
            }
            else
            {
                await field.FillAsync(value);
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, ReferralPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Referral for {patient.FullName}" })).ToBeVisibleAsync();
        return Guid.Parse(ReferralPage().Match(page.Url).Groups["id"].Value);
    }

    /// <summary>From the scheduling queue, the scheduler opens the patient's "Book a slot" and books the first slot that needs no lead-time reason.</summary>
    public static async Task<(Guid BookingId, ChosenSlot Slot)> SchedulerBooksFromTheQueueAsync(BrowserSession scheduler, TestPatient patient) =>
        await SchedulerBooksFromTheQueueAsync(scheduler, patient, ChooseFirstSlotOutsideLeadTimeAsync);

    /// <summary>As above, with the slot <paramref name="choose"/> ticks on the booking form.</summary>
    public static async Task<(Guid BookingId, ChosenSlot Slot)> SchedulerBooksFromTheQueueAsync(BrowserSession scheduler, TestPatient patient, Func<IPage, Task<ChosenSlot>> choose)
    {
        var page = scheduler.Page;
        await BrowserApp.OpenAsync(page, "/scheduling/queue");
        await QueueRow(page, patient).GetByRole(AriaRole.Link, new() { Name = "Book a slot" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Book a slot for {patient.FullName}" })).ToBeVisibleAsync();

        var slot = await choose(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book selected slot" }).ClickAsync();

        await BrowserApp.ArrivedAtAsync(page, BookingPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked.");
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Pending confirmation");
        await Assertions.Expect(page.Locator("#booking-when")).ToHaveTextAsync(slot.When);
        return (Guid.Parse(BookingPage().Match(page.Url).Groups["id"].Value), slot);
    }

    /// <summary>Ticks the radio of the first slot listed as bookable (not under "Needs a reason"), so no override reason is needed.</summary>
    public static Task<ChosenSlot> ChooseFirstSlotOutsideLeadTimeAsync(IPage page) => ChooseAsync(page.Locator("#bookable-slots li.form-check").First);

    /// <summary>
    /// Ticks the radio of the last slot listed as bookable: for data made beside the tests that book the first
    /// free slot (the crawls'), so the two never pick the same slot.
    /// </summary>
    public static Task<ChosenSlot> LastSlotOutsideLeadTime(IPage page) => ChooseAsync(page.Locator("#bookable-slots li.form-check").Last);

    private static async Task<ChosenSlot> ChooseAsync(ILocator choice)
    {
        var slot = ChosenSlot.Parse(await choice.Locator("label").InnerTextAsync());
        await choice.GetByRole(AriaRole.Radio).CheckAsync();
        return slot;
    }

    /// <summary>
    /// As the patient (no account): opens the development mail page, finds the newest email to them and
    /// follows its link, which must point at the app's public address. Returns the link.
    /// </summary>
    public static async Task<string> PatientFollowsTheEmailedLinkAsync(BrowserSession patientBrowser, TestPatient patient, string baseUrl, int emailsExpected = 1)
    {
        var page = patientBrowser.Page;
        await BrowserApp.OpenAsync(page, "/dev/mail");
        var rows = page.Locator("tbody tr").Filter(new() { HasText = patient.Email });

        // The email is written by a background job just after the booking commits; the page shows
        // what is in the folder when it loads, so it is reloaded until the job has run.
        await BrowserApp.ReloadUntilCountAsync(page, rows, emailsExpected);
        var link = rows.First.Locator("a[href*='/p/']");
        var href = await link.GetAttributeAsync("href");
        Assert.StartsWith(baseUrl + "/p/", href, StringComparison.Ordinal);
        await link.ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, new Regex("^" + Regex.Escape(baseUrl + "/p/")));
        return href!;
    }

    /// <summary>On the patient page: the three preparation boxes ticked and Confirm pressed.</summary>
    public static async Task PatientConfirmsAsync(IPage page)
    {
        await page.GetByLabel("A responsible adult will drive me home").CheckAsync();
        await page.GetByLabel("I will not eat after midnight").CheckAsync();
        await page.GetByLabel("I have a list of all my medicines").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my appointment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you: your appointment is confirmed" })).ToBeVisibleAsync();
    }

    public static ILocator QueueRow(IPage page, TestPatient patient) =>
        page.Locator("table.scheduling-queue tbody tr").Filter(new() { HasText = patient.FullName });

    public static ILocator Field(IPage page, string name) => page.Locator($"[name='{name}']");

    [GeneratedRegex(@"/referrals/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex ReferralPage();

    [GeneratedRegex(@"/scheduling/bookings/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex BookingPage();
}
