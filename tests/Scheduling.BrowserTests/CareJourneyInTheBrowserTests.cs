using System.Globalization;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

namespace Scheduling.BrowserTests;

/// <summary>
/// The issues' "done when" flows, end to end in Chromium against the real app: each person in their
/// own browser context, every page under the strict CSP. These tests, and every other test that
/// books, run one after the other (one collection), so two of them never race for the same free slot.
/// </summary>
[Collection(BookingCollection.Name)]
public sealed class CareJourneyInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task EligibleReferral_IsBookedByTheScheduler_AndConfirmedByThePatientThroughTheEmailedLink()
    {
        var patient = TestPatient.Unique("Ada");
        await using var doctor = await app.NewSessionAsync();
        await using var scheduler = await app.NewSessionAsync();
        await using var patientBrowser = await app.NewSessionAsync();

        await doctor.SignInAsync("doctor@clinic.test");
        var referralId = await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday);
        await Assertions.Expect(doctor.Page.Locator("#outcome .outcome")).ToHaveTextAsync("Eligible");
        await Assertions.Expect(doctor.Page.Locator(".status")).ToHaveTextAsync("Ready to schedule");

        await scheduler.SignInAsync("scheduler@clinic.test");
        var (bookingId, slot) = await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, patient);

        await BrowserApp.OpenAsync(scheduler.Page, $"/scheduling/calendar?week={slot.LocalStart:yyyy-MM-dd}");
        var calendarCell = scheduler.Page.Locator($"tr[data-room='{slot.Room}'] td[data-date='{slot.LocalStart:yyyy-MM-dd}'] [data-slot-state='booked']")
            .Filter(new() { HasText = slot.LocalStart.ToString("h:mm tt", CultureInfo.InvariantCulture) });
        await Assertions.Expect(calendarCell).ToContainTextAsync("· " + patient.Initials);
        await Assertions.Expect(scheduler.Page.GetByText(patient.LastName)).ToHaveCountAsync(0);
        await calendarCell.ClickAsync();
        await BrowserApp.ArrivedAtAsync(scheduler.Page, new Regex($"/scheduling/bookings/{bookingId}$"));

        var patientLink = await CareJourney.PatientFollowsTheEmailedLinkAsync(patientBrowser, patient, app.BaseUrl);
        var patientPage = patientBrowser.Page;
        await Assertions.Expect(patientPage.GetByRole(AriaRole.Heading, new() { Name = $"Hello {patient.FirstName}, here is your appointment" })).ToBeVisibleAsync();
        await Assertions.Expect(patientPage.Locator("dd").Filter(new() { HasText = slot.LocalStart.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture) })).ToHaveCountAsync(1);
        await Assertions.Expect(patientPage.Locator("dd").Filter(new() { HasText = slot.LocalStart.ToString("h:mm tt", CultureInfo.InvariantCulture) })).ToHaveCountAsync(1);
        await Assertions.Expect(patientPage.Locator("#appointment-status")).ToHaveTextAsync("Waiting for your confirmation");

        // Opening the link (as a mail scanner would) confirms nothing.
        await BrowserApp.OpenAsync(scheduler.Page, $"/scheduling/bookings/{bookingId}");
        await Assertions.Expect(scheduler.Page.Locator("#booking-status")).ToHaveTextAsync("Pending confirmation");

        await CareJourney.PatientConfirmsAsync(patientPage);
        await BrowserApp.OpenAsync(patientPage, patientLink);
        await Assertions.Expect(patientPage.Locator("#appointment-status")).ToHaveTextAsync("Confirmed");
        await Assertions.Expect(patientPage.GetByRole(AriaRole.Button, new() { Name = "Confirm my appointment" })).ToHaveCountAsync(0);

        await scheduler.Page.ReloadAsync();
        await Assertions.Expect(scheduler.Page.Locator("#booking-status")).ToHaveTextAsync("Confirmed");
        await Assertions.Expect(scheduler.Page.Locator("#timeline")).ToContainTextAsync("confirmed");

        // The referring doctor sees the appointment itself, in clinic time, and that the patient confirmed.
        await BrowserApp.OpenAsync(doctor.Page, $"/referrals/{referralId}");
        await Assertions.Expect(doctor.Page.Locator("#appointment")).ToContainTextAsync(
            slot.LocalStart.ToString("ddd d MMM yyyy 'at' h:mm tt", CultureInfo.InvariantCulture));
        await Assertions.Expect(doctor.Page.Locator("#appointment")).ToContainTextAsync("Confirmed by the patient.");

        // From the referral, staff reach its appointment.
        await BrowserApp.OpenAsync(scheduler.Page, $"/staff/referrals/{referralId}");
        await Assertions.Expect(scheduler.Page.Locator(".status")).ToHaveTextAsync("Scheduled");
        await scheduler.Page.GetByRole(AriaRole.Link, new() { Name = "Open the booking" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(scheduler.Page, new Regex($"/scheduling/bookings/{bookingId}$"));

        Assert.Empty(doctor.CspViolations);
        Assert.Empty(scheduler.CspViolations);
        Assert.Empty(patientBrowser.CspViolations);
    }

    [Fact]
    public async Task ConfirmedBooking_RescheduledThenCancelled_PutsTheReferralBackInTheQueue_AndTheDoctorSeesEveryStep()
    {
        var patient = TestPatient.Unique("Grace");
        await using var doctor = await app.NewSessionAsync();
        await using var scheduler = await app.NewSessionAsync();
        await using var patientBrowser = await app.NewSessionAsync();
        await doctor.SignInAsync("doctor@clinic.test");
        var referralId = await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday);
        await scheduler.SignInAsync("scheduler@clinic.test");
        var (bookingId, firstSlot) = await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, patient);
        await CareJourney.PatientFollowsTheEmailedLinkAsync(patientBrowser, patient, app.BaseUrl);
        await CareJourney.PatientConfirmsAsync(patientBrowser.Page);

        var page = scheduler.Page;
        await BrowserApp.OpenAsync(page, $"/scheduling/bookings/{bookingId}");
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Confirmed");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reschedule to another slot" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Reschedule {patient.FullName}" })).ToBeVisibleAsync();
        var newSlot = await CareJourney.ChooseFirstSlotOutsideLeadTimeAsync(page);
        Assert.NotEqual(firstSlot, newSlot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Move to selected slot" }).ClickAsync();

        await BrowserApp.ArrivedAtAsync(page, new Regex($"/scheduling/bookings/{bookingId}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rescheduled.");
        await Assertions.Expect(page.Locator("#booking-when")).ToHaveTextAsync(newSlot.When);
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Pending confirmation");

        await page.GetByLabel("Reason for cancelling").FillAsync("Patient started systemic therapy instead.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booking cancelled");
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.GetByText("By staff: Patient started systemic therapy instead.")).ToBeVisibleAsync();

        await BrowserApp.OpenAsync(page, "/scheduling/queue");
        await CareJourney.QueueRow(page, patient).GetByRole(AriaRole.Link, new() { Name = patient.FullName }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, new Regex($"/staff/referrals/{referralId}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Book a slot" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the booking" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Book a slot" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Book a slot for {patient.FullName}" })).ToBeVisibleAsync();

        await BrowserApp.OpenAsync(doctor.Page, $"/referrals/{referralId}");
        await Assertions.Expect(doctor.Page.Locator(".status")).ToHaveTextAsync("Ready to schedule");
        await Assertions.Expect(doctor.Page.Locator("ol.timeline li strong")).ToHaveTextAsync(
            ["Submitted", "Assessed", "Patient record", "Scheduled", "Confirmed", "Rescheduled", "Booking cancelled"]);
        await Assertions.Expect(doctor.Page.Locator("ol.timeline")).ToContainTextAsync("Patient started systemic therapy instead.");

        Assert.Empty(doctor.CspViolations);
        Assert.Empty(scheduler.CspViolations);
        Assert.Empty(patientBrowser.CspViolations);
    }

    [Fact]
    public async Task ReferralWithBilirubin2Point4AndEcog1_NeedsReview_AndOnceTheRadiologistApprovesIt_IsInTheSchedulingQueue()
    {
        var patient = TestPatient.Unique("Mary");
        await using var doctor = await app.NewSessionAsync();
        await using var radiologist = await app.NewSessionAsync();
        await using var scheduler = await app.NewSessionAsync();

        await doctor.SignInAsync("doctor@clinic.test");
        await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday, bilirubin: 2.4m, ecog: 1);
        await Assertions.Expect(doctor.Page.Locator("#outcome .outcome")).ToHaveTextAsync("Needs review");
        await Assertions.Expect(doctor.Page.Locator("#outcome .reasons li")).ToContainTextAsync(
            ["ECOG performance status 1 is between", "Total bilirubin 2.4 mg/dL is between"]);
        await Assertions.Expect(doctor.Page.Locator("#outcome .reasons li")).ToHaveCountAsync(2);

        await radiologist.SignInAsync("radiologist@clinic.test");
        await BrowserApp.OpenAsync(radiologist.Page, "/review");
        var row = radiologist.Page.Locator("table.review-queue tbody tr").Filter(new() { HasText = patient.FullName });
        await Assertions.Expect(row.Locator("li")).ToHaveCountAsync(2);
        await row.GetByRole(AriaRole.Link, new() { Name = "Review" }).ClickAsync();
        await radiologist.Page.GetByLabel("Note for the scheduler and the referring doctor (optional)").FillAsync("Bilirubin acceptable for a selective approach.");
        await radiologist.Page.GetByRole(AriaRole.Button, new() { Name = "Approve for scheduling" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(radiologist.Page, new Regex("/review$"));
        await Assertions.Expect(radiologist.Page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        await scheduler.SignInAsync("scheduler@clinic.test");
        await BrowserApp.OpenAsync(scheduler.Page, "/scheduling/queue");
        await Assertions.Expect(CareJourney.QueueRow(scheduler.Page, patient).GetByRole(AriaRole.Link, new() { Name = "Book a slot" })).ToBeVisibleAsync();

        await doctor.Page.ReloadAsync();
        await Assertions.Expect(doctor.Page.Locator(".status")).ToHaveTextAsync("Ready to schedule");
        await Assertions.Expect(doctor.Page.Locator("ol.timeline")).ToContainTextAsync("Bilirubin acceptable for a selective approach.");

        Assert.Empty(doctor.CspViolations);
        Assert.Empty(radiologist.CspViolations);
        Assert.Empty(scheduler.CspViolations);
    }

    [Fact]
    public async Task PatientAskingForAnotherDate_IsListedUnderNeedsAttention_AndTheSchedulerOpensTheBookingFromThereToMoveIt()
    {
        var patient = TestPatient.Unique("Rosa");
        await using var doctor = await app.NewSessionAsync();
        await using var scheduler = await app.NewSessionAsync();
        await using var patientBrowser = await app.NewSessionAsync();
        await doctor.SignInAsync("doctor@clinic.test");
        await CareJourney.DoctorSubmitsReferralAsync(doctor, patient, app.ClinicToday);
        await scheduler.SignInAsync("scheduler@clinic.test");
        var (bookingId, _) = await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, patient);

        await CareJourney.PatientFollowsTheEmailedLinkAsync(patientBrowser, patient, app.BaseUrl);
        await patientBrowser.Page.GetByRole(AriaRole.Link, new() { Name = "Ask for another date" }).ClickAsync();
        await patientBrowser.Page.GetByLabel("Wednesday").CheckAsync();
        await patientBrowser.Page.GetByLabel("Afternoon").CheckAsync();
        await patientBrowser.Page.GetByLabel("Anything else we should know (optional)").FillAsync("Mornings are for dialysis.");
        await patientBrowser.Page.GetByRole(AriaRole.Button, new() { Name = "Ask for another date" }).ClickAsync();
        await Assertions.Expect(patientBrowser.Page.GetByRole(AriaRole.Heading, new() { Name = "We will call you about another date" })).ToBeVisibleAsync();

        var page = scheduler.Page;
        await BrowserApp.OpenAsync(page, "/scheduling/attention");
        var request = page.Locator("table[aria-labelledby='requests'] tbody tr").Filter(new() { HasText = patient.FullName });
        await Assertions.Expect(request).ToContainTextAsync("+1 555 0100");
        await Assertions.Expect(request.Locator(".patient-preferences")).ToContainTextAsync("Wednesday · afternoons. Note: Mornings are for dialysis.");
        await request.GetByRole(AriaRole.Link, new() { Name = $"Open booking of {patient.FullName}" }).ClickAsync();

        await BrowserApp.ArrivedAtAsync(page, new Regex($"/scheduling/bookings/{bookingId}$"));
        await Assertions.Expect(page.GetByText("Patient asked to reschedule")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reschedule to another slot" })).ToBeVisibleAsync();

        Assert.Empty(doctor.CspViolations);
        Assert.Empty(scheduler.CspViolations);
        Assert.Empty(patientBrowser.CspViolations);
    }
}
