using System.Net;

using Microsoft.EntityFrameworkCore;

using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Desk;

/// <summary>The procedure day's list, patient search and the booking page's phone, referral link and call log, through real forms.</summary>
public sealed class DayListAndSearchPagesTests(WebApp app)
{
    private readonly DeskData _data = new(app);

    [Fact]
    public async Task DayList_ShowsBothRoomsOfTheDayWithTheBookedPatient_PrintsWithItsStylesheet_AndIsOneAuditLine()
    {
        var first = await _data.SeedAsync(referrals: 1);
        var second = await _data.SeedAsync(referrals: 0);
        var day = DeskData.NextWeekday(_data.Today.AddDays(21));
        var slot = await _data.AddSlotAsync(first.Room, day, new TimeOnly(9, 30));
        await _data.AddSlotAsync(second.Room, day, new TimeOnly(7, 30));
        var bookingId = await _data.BookDirectlyAsync(first.Referrals[0], slot);
        using var browser = await _data.SignedInAsync(app.Scheduler);

        var page = await browser.GetAsync($"/scheduling/day/{day:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        PageRules.AssertNoInlineScriptOrStyle(page);
        Assert.NotNull(page.Document.QuerySelector($"section[data-room='{first.Room.Name}']"));
        Assert.NotNull(page.Document.QuerySelector($"section[data-room='{second.Room.Name}']"));
        var row = page.Document.QuerySelector($"tr[data-booking='{bookingId}']");
        Assert.NotNull(row);
        Assert.Contains(first.Referrals[0].PatientLastName, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("12 Apr 1958", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("555-0199", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("7:30 AM", row.TextContent, StringComparison.Ordinal); // arrival two hours before 9:30 AM
        Assert.Contains("Pending confirmation", row.TextContent, StringComparison.Ordinal); // the words of every other page (DisplayNames)
        Assert.NotNull(row.QuerySelector($"a[href='/scheduling/bookings/{bookingId}']"));
        Assert.NotNull(row.QuerySelector($"a[href='/staff/referrals/{first.Referrals[0].Id}']"));
        Assert.NotNull(page.Document.QuerySelector($"a[rel='prev'][href='/scheduling/day/{day.AddDays(-1):yyyy-MM-dd}']"));
        Assert.NotNull(page.Document.QuerySelector($"a[rel='next'][href='/scheduling/day/{day.AddDays(1):yyyy-MM-dd}']"));

        var stylesheet = page.Document.QuerySelector("link[rel='stylesheet'][href*='/css/day-list.css']")?.GetAttribute("href");
        Assert.NotNull(stylesheet);
        var css = await browser.Http.GetStringAsync(stylesheet, TestContext.Current.CancellationToken);
        Assert.Contains("@media print", css, StringComparison.Ordinal);
        Assert.Contains("@page", css, StringComparison.Ordinal);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "DayList" && a.Details!.Contains(bookingId.ToString("N"))).ToListAsync());
        Assert.Single(audit);
    }

    [Fact]
    public async Task DayList_ForAnEmptyDay_SaysSo_AndIsLinkedFromTheCalendarAndTheStartPage()
    {
        var scenario = await _data.SeedAsync(referrals: 0);
        using var browser = await _data.SignedInAsync(app.Scheduler);
        var day = _data.Today.AddDays(200);

        var page = await browser.GetAsync($"/scheduling/day/{day:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("No slots this day", page.Document.QuerySelector($"section[data-room='{scenario.Room.Name}']")?.TextContent, StringComparison.Ordinal);
        var calendar = await browser.GetAsync($"/scheduling/calendar?week={day:yyyy-MM-dd}");
        Assert.NotNull(calendar.Document.QuerySelector($"a[href='/scheduling/day/{day:yyyy-MM-dd}']"));
        var start = await browser.GetAsync("/");
        Assert.NotNull(start.Document.QuerySelector("main a[href='/scheduling/day']"));
        var today = await browser.GetAsync("/scheduling/day");
        Assert.Equal($"/scheduling/day/{_data.Today:yyyy-MM-dd}", today.Url.AbsolutePath);
    }

    [Fact]
    public async Task DayList_IsOpenToRadiologists_WithoutBookingLinks_AndClosedToReferringDoctors()
    {
        var scenario = await _data.SeedAsync(referrals: 1);
        var day = DeskData.NextWeekday(_data.Today.AddDays(22));
        var bookingId = await _data.BookDirectlyAsync(scenario.Referrals[0], await _data.AddSlotAsync(scenario.Room, day, new TimeOnly(7, 30)));
        using var radiologist = await _data.SignedInAsync(app.Radiologist);
        using var doctor = await _data.SignedInAsync(app.ReferringPhysician);

        var page = await radiologist.GetAsync($"/scheduling/day/{day:yyyy-MM-dd}");
        var refused = await doctor.GetAsync($"/scheduling/day/{day:yyyy-MM-dd}", followRedirects: false);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector($"tr[data-booking='{bookingId}']"));
        Assert.Null(page.Document.QuerySelector($"a[href='/scheduling/bookings/{bookingId}']"));
        Assert.NotEqual(HttpStatusCode.OK, refused.Status);
    }

    [Fact]
    public async Task PatientSearch_ByLastNameOrDateOfBirth_FindsTheBooking_ThroughAPostedFormThatKeepsTheNameOutOfTheUrl()
    {
        var scenario = await _data.SeedAsync(referrals: 1);
        var referral = scenario.Referrals[0];
        var slot = await _data.AddSlotAsync(scenario.Room, DeskData.NextWeekday(_data.Today.AddDays(15)), new TimeOnly(11, 30));
        var bookingId = await _data.BookDirectlyAsync(referral, slot);
        // Every seeded patient shares one date of birth, and the shared database holds far more of them
        // than a search returns: this patient gets a birthday of its own so the search can only find it by it.
        var birthday = new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(0, 25_000));
        await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referral.Id)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.PatientDateOfBirth, birthday), TestContext.Current.CancellationToken));
        using var browser = await _data.SignedInAsync(app.Scheduler);
        var form = await browser.GetAsync("/scheduling/patients");
        PageRules.AssertEveryInputIsLabelled(form);
        Assert.Equal("post", form.FormWithField("Name").Method, ignoreCase: true);

        var byName = await browser.SubmitAsync(form, form.FormWithField("Name"), new Dictionary<string, string> { ["Name"] = referral.PatientLastName.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.OK, byName.Status);
        Assert.Equal("/scheduling/patients", byName.Url.AbsolutePath);
        Assert.Empty(byName.Url.Query);
        Assert.True(byName.Response.Headers.CacheControl?.NoStore);
        var row = byName.Document.QuerySelector($"tr[data-referral='{referral.Id}']");
        Assert.NotNull(row);
        Assert.NotNull(row.QuerySelector($"a[href='/scheduling/bookings/{bookingId}']"));
        Assert.Contains(Scheduling.Application.Features.Referrals.ReferralReference.For(referral.Id), row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(byName.Document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains(referral.PatientLastName, StringComparison.OrdinalIgnoreCase));

        var byBirth = await browser.SubmitAsync(byName, byName.FormWithField("DateOfBirth"), new Dictionary<string, string> { ["Name"] = "", ["DateOfBirth"] = birthday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.NotNull(byBirth.Document.QuerySelector($"tr[data-referral='{referral.Id}'] li[data-booking='{bookingId}']"));
    }

    [Fact]
    public async Task PatientSearch_WithNothingEntered_Gets422WithTheMessageBesideTheName()
    {
        using var browser = await _data.SignedInAsync(app.Radiologist);
        var form = await browser.GetAsync("/scheduling/patients");

        var page = await browser.SubmitAsync(form, form.FormWithField("Name"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("Enter a name", page.FieldMessage("Name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookingPage_ShowsPhoneEmailAndTheFullReferral_AndLogsACallOnTheTimeline()
    {
        var scenario = await _data.SeedAsync(referrals: 1);
        var referral = scenario.Referrals[0];
        var bookingId = await _data.BookDirectlyAsync(referral, await _data.AddSlotAsync(scenario.Room, DeskData.NextWeekday(_data.Today.AddDays(16)), new TimeOnly(7, 30)));
        using var browser = await _data.SignedInAsync(app.Scheduler);
        var page = await browser.GetAsync($"/scheduling/bookings/{bookingId}");
        PageRules.AssertEveryInputIsLabelled(page);
        Assert.Equal("555-0199", page.Document.QuerySelector("#patient-phone")?.TextContent.Trim());
        Assert.Equal(referral.PatientEmail, page.Document.QuerySelector("#patient-email")?.TextContent.Trim());
        var link = page.Document.QuerySelector("#full-referral")?.GetAttribute("href");
        Assert.Equal($"/staff/referrals/{referral.Id}", link);
        var full = await browser.GetAsync(link!);
        Assert.Equal(HttpStatusCode.OK, full.Status);
        Assert.Equal(Scheduling.Application.Features.Referrals.ReferralReference.For(referral.Id), full.Document.QuerySelector("#referral-reference")?.TextContent.Trim());

        var refused = await browser.SubmitAsync(page, page.FormWithField("Outcome"), new Dictionary<string, string> { ["Note"] = "No outcome chosen" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("Choose how the call went", refused.Body, StringComparison.Ordinal);

        var logged = await browser.SubmitAsync(refused, refused.FormWithField("Outcome"), new Dictionary<string, string>
        {
            ["Outcome"] = "NoAnswer",
            ["Note"] = "Tried the mobile",
        });

        Assert.Equal(HttpStatusCode.OK, logged.Status);
        var entry = logged.Document.QuerySelector("#timeline li[data-kind='CallLogged']");
        Assert.NotNull(entry);
        Assert.Contains("Phone call: No answer. Note: Tried the mobile", entry.TextContent, StringComparison.Ordinal);
        // Issue 9: the timeline names people by their full name (the account id is kept in the data), never their email.
        Assert.Contains($"Test {app.Scheduler.Role}", entry.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Scheduler.Email, entry.TextContent, StringComparison.Ordinal);
    }
}
