using System.Net;
using System.Text.RegularExpressions;

using AngleSharp.Dom;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using MimeKit;

using Scheduling.Application.Features.Confirmation;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Confirmation;

/// <summary>The patient's appointment page through the real app: the emailed link, real forms with antiforgery tokens.</summary>
/// <remarks>
/// Runs on its own: it adds rooms and bookings to the shared app's database, which tests elsewhere
/// count before and after, and it drives the per-address rate limit all tests share.
/// </remarks>
[Collection(nameof(PatientLinkPageTests))]
public sealed partial class PatientLinkPageTests(WebApp app)
{
    // The English catalogue's message next to an unticked box (PatientTexts.resx, Confirm.Error.NotTicked).
    private const string NotTicked = "Tick this box when it is true for you; if it cannot be, call us before confirming.";

    private const string Driver = "Confirm.Ticked[0]";
    private const string Fasting = "Confirm.Ticked[1]";
    private const string Medicines = "Confirm.Ticked[2]";

    [Fact]
    public async Task Patient_OpensTheLinkFromTheEmail_SeesTheAppointment_AndConfirmsWithTheChecklist()
    {
        var booked = await BookAsync();
        var link = await EmailedLinkAsync(booked);
        using var browser = app.CreateClient();

        var page = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("no-referrer", page.Response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(page.Response.Headers.CacheControl?.NoStore, "Cache-Control: no-store expected");
        Assert.Contains("Hello Maria", page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Garcia", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.Diagnosis, page.Body, StringComparison.Ordinal);
        Assert.Contains("Nothing to eat after midnight", page.Body, StringComparison.Ordinal);
        PageRules.AssertEveryInputIsLabelled(page);
        Assert.Equal(BookingStatus.PendingConfirmation, await StatusAsync(booked));
        var viewer = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "Viewed" && a.EntityId == booked.BookingId.ToString()).Select(a => a.UserName).SingleAsync());
        Assert.Equal("patient link", viewer);

        var unticked = await browser.SubmitAsync(page, page.FormWithField(Driver), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unticked.Status);
        Assert.Equal(NotTicked, unticked.FieldMessage(Driver));
        Assert.Equal(NotTicked, unticked.FieldMessage(Fasting));
        Assert.Equal(NotTicked, unticked.FieldMessage(Medicines));
        Assert.Contains("drive me home", unticked.Document.QuerySelector("label[for='confirm-item-0']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.PendingConfirmation, await StatusAsync(booked));

        var ticked = new Dictionary<string, string> { [Driver] = "true", [Fasting] = "true", [Medicines] = "true" };
        var confirmed = await browser.SubmitAsync(unticked, unticked.FormWithField(Driver), ticked);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains("confirmed", confirmed.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Confirmed, await StatusAsync(booked));
        AssertRepeatsTheAppointment(confirmed, page);

        var again = await browser.SubmitAsync(page, page.FormWithField(Driver), ticked);
        Assert.Equal("Already confirmed", again.Document.QuerySelector("h1")!.TextContent.Trim());
        var reopened = await browser.GetAsync(link);
        Assert.Equal("Confirmed", reopened.Document.QuerySelector("#appointment-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task Patient_Cancels_TheSlotIsFree_AndTheLinkStopsWorking()
    {
        var booked = await BookAsync();
        var link = await LinkAsync(booked);
        using var browser = app.CreateClient();
        var page = await browser.GetAsync(link);
        var second = await FollowAsync(browser, page, "Cancel my appointment");

        var done = await browser.SubmitAsync(second, second.FormWithField("Cancel.Reason"), new Dictionary<string, string> { ["Cancel.Reason"] = "Travelling" });

        Assert.Equal("Your appointment is cancelled", done.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(BookingStatus.Cancelled, await StatusAsync(booked));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).Status);
    }

    [Fact]
    public async Task Cancel_AsksAreYouSureOnASecondScreen_RepeatingTheAppointment_AndKeepMyAppointmentChangesNothing()
    {
        var booked = await BookAsync();
        var link = await LinkAsync(booked);
        using var browser = app.CreateClient();
        var page = await browser.GetAsync(link);

        Assert.DoesNotContain(page.Document.QuerySelectorAll("form"), f => f.GetAttribute("action")!.EndsWith("/cancel", StringComparison.Ordinal));
        var second = await FollowAsync(browser, page, "Cancel my appointment");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("Are you sure", second.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        AssertRepeatsTheAppointment(second, page);
        Assert.Equal("Reason (optional)", second.Document.QuerySelector("label[for='Cancel_Reason']")!.TextContent.Trim());
        PageRules.AssertEveryInputIsLabelled(second);
        Assert.Equal(BookingStatus.PendingConfirmation, await StatusAsync(booked));

        var kept = await FollowAsync(browser, second, "Keep my appointment");
        Assert.Equal(HttpStatusCode.OK, kept.Status);
        Assert.Equal(link, kept.Url.AbsolutePath);
        Assert.Equal(BookingStatus.PendingConfirmation, await StatusAsync(booked));

        var withoutReason = await browser.SubmitAsync(second, second.FormWithField("Cancel.Reason"), new Dictionary<string, string>());
        Assert.Equal("Your appointment is cancelled", withoutReason.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(BookingStatus.Cancelled, await StatusAsync(booked));
    }

    [Fact]
    public async Task AnotherDate_AsksWhichDaysAndTimesSuit_AndTheSchedulerSeesThemAndTheNoteUnderNeedsAttention()
    {
        var booked = await BookAsync();
        var link = await LinkAsync(booked);
        using var patient = app.CreateClient();
        var page = await patient.GetAsync(link);
        var form = await FollowAsync(patient, page, "Ask for another date");
        AssertRepeatsTheAppointment(form, page);
        PageRules.AssertEveryInputIsLabelled(form);
        var note = "Not the week of my daughter's wedding " + Guid.NewGuid().ToString("N")[..6];

        var done = await patient.Http.PostAsync(form.Document.QuerySelector("form")!.GetAttribute("action"), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("AnotherDate.Days", "Tuesday"),
            new("AnotherDate.Days", "Thursday"),
            new("AnotherDate.TimeOfDay", "Morning"),
            new("AnotherDate.Note", note),
        ]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(PatientRequest.Reschedule, await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == booked.BookingId).Select(b => b.PatientRequest).SingleAsync()));
        using var scheduler = app.CreateClient();
        await scheduler.LoginAsync(app.Scheduler);
        var list = await scheduler.GetAsync("/scheduling/attention");
        var row = list.Document.QuerySelectorAll("tr").Single(r => r.QuerySelector($"a[href='/scheduling/bookings/{booked.BookingId}']") is not null);
        var preferences = row.QuerySelector(".patient-preferences")!.TextContent;
        Assert.Contains("Tuesday, Thursday · mornings", preferences, StringComparison.Ordinal);
        Assert.Contains(note, preferences, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownExpiredAndUsedUpLinks_AllShowTheSameNeutralPageWithTheClinicPhone()
    {
        var booked = await BookAsync();
        var expired = await LinkAsync(booked, expiresAtUtc: DateTime.UtcNow.AddSeconds(-1));
        var usedUp = await LinkAsync(booked);
        using var browser = app.CreateClient();
        var reschedulePage = await FollowAsync(browser, await browser.GetAsync(usedUp), "Ask for another date");
        await browser.SubmitAsync(reschedulePage, ButtonForm(reschedulePage, "reschedule"), new Dictionary<string, string>());
        Assert.Equal(PatientRequest.Reschedule, await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == booked.BookingId).Select(b => b.PatientRequest).SingleAsync()));

        var pages = new List<Page>();
        foreach (var url in new[] { expired, usedUp, "/p/" + Scheduling.Application.Features.Messaging.PatientLinkTokens.NewToken().Token, "/p/garbage" })
        {
            pages.Add(await browser.GetAsync(url));
        }

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.NotFound, p.Status));
        Assert.All(pages, p => Assert.Contains("555-0100", p.Body, StringComparison.Ordinal));
        Assert.Single(pages.Select(p => p.Document.QuerySelector("main")!.TextContent.Trim()).Distinct());
        Assert.All(pages, p => Assert.True(p.Response.Headers.CacheControl?.NoStore));
    }

    [Fact]
    public async Task Confirm_WithoutTheAntiforgeryToken_IsRefused_AndConfirmsNothing()
    {
        var booked = await BookAsync();
        var link = await LinkAsync(booked);
        using var browser = app.CreateClient();

        var forged = await browser.PostWithoutFormAsync(link + "/confirm", new Dictionary<string, string> { [Driver] = "true", [Fasting] = "true", [Medicines] = "true" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(BookingStatus.PendingConfirmation, await StatusAsync(booked));
    }

    [Fact]
    public async Task ManyBadTokensFromOneAddress_AreRateLimitedWith429()
    {
        await using var strict = app.Factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:PatientLinkPerMinute", "5"));
        using var browser = new BrowserClient(strict.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") }));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await browser.GetAsync("/p/" + Scheduling.Application.Features.Messaging.PatientLinkTokens.NewToken().Token)).Status);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5), statuses.Take(5));
        Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task Scheduler_SeesThePatientsRequestOnTheNeedsAttentionPage_DoctorsCannotOpenIt()
    {
        var booked = await BookAsync();
        var link = await LinkAsync(booked);
        using (var patient = app.CreateClient())
        {
            var page = await FollowAsync(patient, await patient.GetAsync(link), "Ask for another date");
            await patient.SubmitAsync(page, ButtonForm(page, "reschedule"), new Dictionary<string, string>());
        }

        using var scheduler = app.CreateClient();
        await scheduler.LoginAsync(app.Scheduler);
        var list = await scheduler.GetAsync("/scheduling/attention");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        // The row leads to the booking, where the scheduler can move it (the doctor's /referrals page is not theirs).
        Assert.Contains(list.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/scheduling/bookings/{booked.BookingId}");
        Assert.Equal(HttpStatusCode.OK, (await scheduler.GetAsync($"/scheduling/bookings/{booked.BookingId}")).Status);
        Assert.Contains(list.Document.QuerySelectorAll("nav a"), a => a.TextContent == "Needs attention");

        using var doctor = app.CreateClient();
        await doctor.LoginAsync(app.ReferringPhysician);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync("/scheduling/attention")).Status);
    }

    private Task<BookedAppointment> BookAsync() =>
        TestData.BookAsync(app.Factory.Services, DateTime.UtcNow.Date.AddDays(10).AddHours(14));

    private async Task<string> LinkAsync(BookedAppointment booked, DateTime? expiresAtUtc = null) =>
        "/p/" + await TestData.IssueLinkAsync(app.Factory.Services, booked.BookingId, expiresAtUtc);

    /// <summary>Sends the booking email as the job would (to the pickup folder here) and takes the link out of it.</summary>
    private async Task<string> EmailedLinkAsync(BookedAppointment booked)
    {
        var id = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == booked.BookingId && m.Kind == MessageKinds.PatientBooked).Select(m => m.Id).SingleAsync());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.Equal(DispatchOutcome.Sent, await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(id, CancellationToken.None));
        var folder = scope.ServiceProvider.GetRequiredService<MailPickupFolder>();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value;
        using var mail = await MimeMessage.LoadAsync(Path.Combine(folder.Path, MailPickupFolder.FileNameFor(OutboxDispatcher.MessageIdFor(id, options))));
        var match = LinkPattern().Match(mail.TextBody ?? string.Empty);
        Assert.True(match.Success, "The email has no appointment link.");
        return new Uri(match.Value).AbsolutePath;
    }

    /// <summary>Date, time, arrival and place, as the appointment page shows them.</summary>
    private static void AssertRepeatsTheAppointment(Page page, Page appointment)
    {
        foreach (var id in new[] { "appointment-date", "appointment-time", "appointment-arrival", "appointment-place" })
        {
            var expected = appointment.Document.GetElementById(id)!.TextContent.Trim();
            Assert.False(string.IsNullOrWhiteSpace(expected), $"The appointment page shows no {id}.");
            Assert.Equal(expected, page.Document.GetElementById(id)?.TextContent.Trim());
        }
    }

    private static Task<Page> FollowAsync(BrowserClient browser, Page page, string linkText) =>
        browser.GetAsync(page.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == linkText).GetAttribute("href")!);

    private static AngleSharp.Html.Dom.IHtmlFormElement ButtonForm(Page page, string actionEnding) =>
        page.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.EndsWith("/" + actionEnding, StringComparison.Ordinal));

    private Task<BookingStatus> StatusAsync(BookedAppointment booked) =>
        app.WithDbAsync(db => db.Bookings.Where(b => b.Id == booked.BookingId).Select(b => b.Status).SingleAsync());

    [GeneratedRegex(@"https?://[^\s]+/p/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}

[CollectionDefinition(nameof(PatientLinkPageTests), DisableParallelization = true)]
public sealed class PatientLinkPageTestsCollection;
