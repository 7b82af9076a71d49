using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

namespace Scheduling.BrowserTests;

/// <summary>
/// The scheduler's morning in Chromium: the booking form books on its first click, the patient is
/// found by last name and by date of birth, and the day list prints one day for both rooms on a
/// single A4 and a single Letter page.
/// </summary>
[Collection(BookingCollection.Name)]
public sealed partial class SchedulersMorningInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task FirstClickOnBookSelectedSlotBooks_ThePatientIsFoundByNameAndBirthDate_AndTheDayListPrintsBothRoomsOnOnePage()
    {
        var patient = TestPatient.Unique("Iris");
        await using var doctor = await app.NewSessionAsync();
        await using var scheduler = await app.NewSessionAsync();
        await doctor.SignInAsync("doctor@clinic.test");
        await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday);
        await scheduler.SignInAsync("scheduler@clinic.test");
        var page = scheduler.Page;

        // Booking with the form's defaults: no slot clicked, no reason typed.
        await BrowserApp.OpenAsync(page, "/scheduling/queue");
        await CareJourney.QueueRow(page, patient).GetByRole(AriaRole.Link, new() { Name = "Book a slot" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book selected slot" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, BookingPage());
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Pending confirmation");
        var bookingId = BookingPage().Match(page.Url).Groups["id"].Value;
        var when = DateTime.ParseExact((await page.Locator("#booking-when").InnerTextAsync()).Split('–')[0].Trim(), "ddd d MMM yyyy, h:mm tt", CultureInfo.GetCultureInfo("en-US"));

        await BrowserApp.OpenAsync(page, "/scheduling/patients");
        await page.GetByLabel("Name (first or last, or part of it)").FillAsync(patient.LastName.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator($"li[data-booking='{bookingId}']")).ToBeVisibleAsync();
        Assert.DoesNotContain(patient.LastName, page.Url, StringComparison.OrdinalIgnoreCase);

        await page.GetByLabel("Name (first or last, or part of it)").FillAsync(string.Empty);
        await page.GetByLabel("Date of birth").FillAsync(CareJourney.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await BrowserApp.SubmitToSamePageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await Assertions.Expect(page.Locator($"li[data-booking='{bookingId}']")).ToBeVisibleAsync();

        await BrowserApp.OpenAsync(page, $"/scheduling/day/{when:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator($"tr[data-booking='{bookingId}']")).ToContainTextAsync(patient.LastName);
        // The two demo suites have slots that day; rooms other tests add have none and stay off the paper.
        await Assertions.Expect(page.Locator("section.day-room[data-room='IR Suite 1']:not(.day-room-empty)")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("section.day-room[data-room='IR Suite 2']:not(.day-room-empty)")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("section.day-room:not(.day-room-empty)")).ToHaveCountAsync(2);
        Assert.Empty(scheduler.CspViolations);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("nav.navbar")).ToBeHiddenAsync();
        foreach (var paper in new[] { "A4", "Letter" })
        {
            var pdf = await page.PdfAsync(new() { Format = paper, PreferCSSPageSize = true, PrintBackground = false });
            Assert.Equal(1, PageCount(pdf));
        }

        // The counter itself: on a postcard-sized sheet the same list needs several pages.
        Assert.True(PageCount(await page.PdfAsync(new() { Format = "A6", PreferCSSPageSize = false })) > 1);
    }

    private static int PageCount(byte[] pdf) => PdfPage().Matches(Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPage();

    [GeneratedRegex(@"/scheduling/bookings/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex BookingPage();
}
