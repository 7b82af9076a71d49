using System.Text.RegularExpressions;

using AngleSharp.Html.Parser;

using Ical.Net;
using Ical.Net.CalendarComponents;

using MimeKit;

using Scheduling.Application.Features.Confirmation;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Messaging;

/// <summary>
/// The patient's email as it leaves over SMTP, parsed with MimeKit: a plain-text part and an HTML part
/// with the same facts, the link as a button, the practice's facts; and its calendar file, parsed with
/// Ical.Net, staying one entry (same UID, rising SEQUENCE) from tentative to confirmed, moved and cancelled.
/// (Rendering in Chromium at 375 and 1280 px, and the second calendar parser, are in the browser tests.)
/// </summary>
public sealed partial class PatientEmailTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTime ProcedureUtc = new(2026, 3, 17, 13, 30, 0, DateTimeKind.Utc);

    private TestSmtpServer _smtp = null!;
    private TestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = TestSmtpServer.Start();
        _app = await TestApp.StartAsync(database.Database, TestContext.Current.CancellationToken, _smtp.Settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task TheBookingEmail_HasATextAndAnHtmlPartWithTheSameFacts_AButton_AndEveryFactOfThePractice()
    {
        var booked = await TestData.BookAsync(_app.Services, ProcedureUtc, liverTransplant: true);
        var mail = await PatientMailAsync(booked.PatientEmail, 2);

        var alternative = Assert.IsType<MultipartAlternative>(Assert.IsType<Multipart>(mail.Body).First());
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        var text = mail.TextBody!;
        var html = new HtmlParser().ParseDocument(mail.HtmlBody!);
        var htmlText = Regex.Replace(html.Body!.TextContent, @"\s+", " ");
        var link = LinkPattern().Match(text).Value;
        string[] facts =
        [
            "Tuesday, March 17, 2026", "9:30 AM", "7:30 AM", "Main Hospital, 2nd floor", "555-0100", "1 Hospital Way",
            "Interventional Radiology", link,
            // The practice's facts: what the treatment is, and the bridge to a transplant for this patient.
            "Cancer medicine goes straight into the artery that feeds the tumor. Then that artery is blocked.",
            "helps on the way to a liver transplant",
            "Nothing to eat after midnight", "responsible adult must drive you home", "about 90 minutes",
        ];
        foreach (var fact in facts)
        {
            Assert.Contains(fact, Regex.Replace(text, @"\s+", " "), StringComparison.Ordinal);
            Assert.Contains(fact, htmlText, StringComparison.Ordinal);
        }

        Assert.Equal("width=device-width, initial-scale=1", html.QuerySelector("meta[name='viewport']")!.GetAttribute("content"));
        Assert.Equal("light dark", html.QuerySelector("meta[name='color-scheme']")!.GetAttribute("content"));
        var button = Assert.Single(html.QuerySelectorAll("a.button"));
        Assert.Equal(link, button.GetAttribute("href"));
        Assert.Equal("Open my appointment", button.TextContent);
        Assert.Equal("Interventional Radiology", html.QuerySelector(".brand")!.TextContent);
    }

    [Fact]
    public async Task APatientNotListedForATransplant_IsNotToldAboutOne()
    {
        var booked = await TestData.BookAsync(_app.Services, ProcedureUtc);
        var mail = await PatientMailAsync(booked.PatientEmail, 2);

        Assert.DoesNotContain("transplant", mail.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Then that artery is blocked", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCalendarEntry_IsTentativeUntilConfirmed_StartsAtTheArrivalWithAnAlarm_AndStaysOneEntryThroughEveryChange()
    {
        var booked = await TestData.BookAsync(_app.Services, ProcedureUtc);
        var mail = await PatientMailAsync(booked.PatientEmail, 2);
        var booking = Event(CalendarBytes(mail));
        Assert.Equal("TENTATIVE", booking.Status);
        Assert.Equal(new DateTime(2026, 3, 17, 7, 30, 0), booking.Start!.Value); // arrival, two hours before 9:30
        Assert.Equal("America/New_York", booking.Start.TzId);
        Assert.Equal(new DateTime(2026, 3, 17, 11, 0, 0), booking.End!.Value); // the procedure's end
        Assert.Contains("7:30 AM", booking.Summary, StringComparison.Ordinal);
        var alarm = Assert.Single(booking.Alarms);
        Assert.Equal("DISPLAY", alarm.Action);
        Assert.Equal(TimeSpan.FromDays(-1), alarm.Trigger!.Duration!.Value.ToTimeSpanUnspecified());

        var token = LinkPattern().Match(mail.TextBody!).Groups["token"].Value;
        Assert.True((await _app.SendAsync(new ConfirmAppointment.Command(token, [true, true, true]), TestContext.Current.CancellationToken)).IsSuccess);
        var confirmed = Event((await _app.SendAsync(new DownloadAppointmentCalendar.Query(token), TestContext.Current.CancellationToken)).Value.Content);
        Assert.Equal("CONFIRMED", confirmed.Status);
        Assert.Equal(booking.Uid, confirmed.Uid);
        Assert.True(confirmed.Sequence > booking.Sequence, $"{confirmed.Sequence} after {booking.Sequence}");

        await TestData.RescheduleAsync(_app.Services, booked, ProcedureUtc.AddDays(1));
        var moved = Event(CalendarBytes(await PatientMailAsync(booked.PatientEmail, 5, "new date")));
        Assert.Equal("TENTATIVE", moved.Status);
        Assert.Equal(booking.Uid, moved.Uid);
        Assert.True(moved.Sequence > confirmed.Sequence, $"{moved.Sequence} after {confirmed.Sequence}");
        Assert.Equal(new DateTime(2026, 3, 18, 7, 30, 0), moved.Start!.Value);

        var newToken = LinkPattern().Match((await PatientMailAsync(booked.PatientEmail, 5, "new date")).TextBody!).Groups["token"].Value;
        Assert.True((await _app.SendAsync(new CancelAppointment.Command(newToken, null), TestContext.Current.CancellationToken)).IsSuccess);
        var cancelled = Event(CalendarBytes(await PatientMailAsync(booked.PatientEmail, 7, "cancelled")));
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(booking.Uid, cancelled.Uid);
        Assert.True(cancelled.Sequence > moved.Sequence, $"{cancelled.Sequence} after {moved.Sequence}");
        Assert.Empty(cancelled.Alarms);
    }

    /// <summary>Sends what is queued (as the jobs would) and returns the patient's email whose subject has <paramref name="subject"/>.</summary>
    private async Task<MimeMessage> PatientMailAsync(string patientEmail, int expectedInAll, string subject = "please confirm")
    {
        foreach (var id in _app.Jobs.DrainOutboxDispatches())
        {
            await _app.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(id, TestContext.Current.CancellationToken));
        }

        var received = await _smtp.WaitForAsync(expectedInAll);
        return Assert.Single(received, m => m.To.Mailboxes.Single().Address == patientEmail && (m.Subject ?? string.Empty).Contains(subject, StringComparison.Ordinal));
    }

    private static byte[] CalendarBytes(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single(a => a.FileName == "appointment.ics");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    private static CalendarEvent Event(byte[] ics) => Assert.Single(Calendar.Load(System.Text.Encoding.UTF8.GetString(ics))!.Events);

    [GeneratedRegex(@"https://localhost:5001/p/(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();
}
