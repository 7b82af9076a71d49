using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;


using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using MimeKit;

using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;

namespace Scheduling.IntegrationTests.Messaging;

/// <summary>
/// Every message a patient gets, rendered by the real composers inside the dispatcher (the background
/// job) and caught on the wire (SMTP on loopback, the fake text gateway): a Spanish-speaking patient's
/// are Spanish to the last line, their English twin's are English, and neither depends on the culture the
/// job happens to run in. The Spanish check looks for every English sentence of the catalogue and for
/// English's commonest words; what the clinic's data says (its name, address, the room) is left out.
/// </summary>
public sealed partial class PatientLanguageTests : PatientMessagingTests
{
    [Fact]
    public async Task EveryMessageToASpanishSpeakingPatient_IsSpanish_WithNoEnglishSentence_AndItsEnglishTwinIsEnglish()
    {
        // Everything that can go into a message at once: premedication, labs to repeat, the overnight stay.
        var spanish = await BookEverythingAsync("es", TestTexts.SpanishPatientMobile);
        var english = await BookEverythingAsync("en", TestTexts.EnglishPatientMobile);
        await LiveThroughEveryMessageAsync(spanish, english);

        var spanishMail = MailTo(spanish);
        var englishMail = MailTo(english);
        Assert.Equal(6, spanishMail.Count); // booked, both reminders, moved, the new date's 72-hour reminder, cancelled
        Assert.Equal(englishMail.Count, spanishMail.Count);
        var spanishTexts = Gateway.Texts.Where(t => t.To == TestTexts.SpanishPatientMobile).ToList();
        Assert.Equal(6, spanishTexts.Count);

        var pieces = spanishMail.SelectMany(Readable).Concat(spanishTexts.Select(t => (Where: "text", Text: t.Body))).ToList();
        var found = pieces.SelectMany(p => EnglishIn(p.Text).Select(e => $"{p.Where}: \"{e}\"")).ToList();
        Assert.True(found.Count == 0, "English in the Spanish patient's messages:\n" + string.Join("\n", found.Distinct()));

        var booked = spanishMail[0];
        Assert.Equal("es", booked.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("Hola, Maria:", booked.TextBody, StringComparison.Ordinal);
        Assert.Contains("martes, 17 de marzo de 2026", booked.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"Hora del procedimiento: 9:30 a\.\s?m\.", booked.TextBody);
        Assert.Contains("medianoche", booked.TextBody, StringComparison.Ordinal);
        Assert.Contains("tinte de rayos X", booked.TextBody, StringComparison.Ordinal);
        Assert.Contains("análisis de sangre", booked.TextBody, StringComparison.Ordinal);
        Assert.Contains("pasar una noche en el hospital", booked.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ayuda gratuita con el idioma", booked.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"^Cita en el hospital: llegue a las 7:30 a\.\s?m\.$", Assert.Single(Ical.Net.Calendar.Load(CalendarText(booked))!.Events).Summary);
        Assert.Equal("utf-8", booked.Attachments.OfType<MimePart>().Single(a => a.FileName == "appointment.ics").ContentType.Charset);
        Assert.Contains("martes, 17 de marzo", spanishTexts[0].Body, StringComparison.Ordinal);
        Assert.EndsWith("Responda STOP (o PARAR) para no recibir más mensajes.", spanishTexts[0].Body, StringComparison.Ordinal);

        var twin = englishMail[0];
        Assert.Equal("en", twin.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("Dear Maria,", twin.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tuesday, March 17, 2026", twin.TextBody, StringComparison.Ordinal);
        Assert.Contains("Free language help", twin.TextBody, StringComparison.Ordinal);
        Assert.Equal("Hospital visit: please come at 7:30 AM", Assert.Single(Ical.Net.Calendar.Load(CalendarText(twin))!.Events).Summary);
        Assert.DoesNotContain("Hola", string.Concat(englishMail.Select(m => m.TextBody)), StringComparison.Ordinal);
        await WriteTwinsAsync(booked, twin);
    }

    [Fact]
    public async Task MessagesAreWrittenInEachPatientsCulture_WhateverCultureTheJobRunsIn()
    {
        var spanish = await TestData.BookAsync(App.Services, ProcedureUtc, language: PatientLanguages.Spanish);
        var english = await TestData.BookAsync(App.Services, ProcedureUtc.AddHours(2), language: PatientLanguages.English);

        // Hangfire runs a job in the culture of the request that queued it; a German staff browser, say.
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await DispatchQueuedAsync();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }

        Assert.Contains("martes, 17 de marzo de 2026", MailTo(spanish)[0].TextBody, StringComparison.Ordinal);
        var englishText = MailTo(english)[0].TextBody;
        Assert.Contains("Tuesday, March 17, 2026 at 11:30 AM", englishText, StringComparison.Ordinal);
        Assert.DoesNotContain("Dienstag", englishText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientWhoNeedsAnInterpreter_GetsEnglishWithAPlainLineThatOneWillCall_AndTheBookingWaitsForThatCall()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc, language: PatientLanguages.Other,
            interpreterLanguage: "Vietnamese", mobile: TestTexts.EnglishPatientMobile);

        await DispatchQueuedAsync();

        var mail = Assert.Single(MailTo(booked));
        // The first line under the clinic's name: before anything the patient cannot read.
        Assert.StartsWith("Interventional Radiology\n\nWe will call you with an interpreter to go over this message.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Maria,", mail.TextBody, StringComparison.Ordinal);
        var text = Assert.Single(await Gateway.WaitForTextsAsync(1));
        Assert.Contains("We will call you with an interpreter", text.Body, StringComparison.Ordinal);

        App.User.SignInAs("scheduler-1", "kim@clinic.test", Roles.Scheduler);
        var listed = Assert.Single((await SendAsync(new ListNeedsAttention.Query())).InterpreterCalls);
        Assert.Equal((booked.BookingId, "Vietnamese"), (listed.BookingId, listed.InterpreterLanguage));

        // A call that did not reach the patient leaves it listed; one with an interpreter that did settles it.
        Assert.True((await SendAsync(new LogPatientCall.Command(booked.BookingId, CallOutcome.NoAnswer, null, WithInterpreter: true))).IsSuccess);
        Assert.Single((await SendAsync(new ListNeedsAttention.Query())).InterpreterCalls);
        Assert.True((await SendAsync(new LogPatientCall.Command(booked.BookingId, CallOutcome.Reached, "Went through fasting and the driver.", WithInterpreter: true))).IsSuccess);
        Assert.Empty((await SendAsync(new ListNeedsAttention.Query())).InterpreterCalls);

        // A new date needs a new call.
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await TestData.RescheduleAsync(App.Services, booked, ProcedureUtc.AddDays(1));
        Assert.Single((await SendAsync(new ListNeedsAttention.Query())).InterpreterCalls);
    }

    private Task<BookedAppointment> BookEverythingAsync(string language, string mobile) =>
        TestData.BookAsync(App.Services, ProcedureUtc, language: language, mobile: mobile,
            premedication: true, labsDrawnOn: new DateOnly(2026, 2, 1), overnightBedLikely: true);

    /// <summary>Booked; both reminders; moved (with its own reminders ahead); the new date's 72-hour reminder; cancelled by the patient.</summary>
    private async Task LiveThroughEveryMessageAsync(params BookedAppointment[] bookings)
    {
        await DispatchQueuedAsync();
        foreach (var due in new[] { ProcedureUtc.AddHours(-72), ProcedureUtc.AddHours(-24) })
        {
            App.Clock.SetUtcNow(due);
            await SweepAndDispatchAsync();
        }

        foreach (var booking in bookings)
        {
            await TestData.RescheduleAsync(App.Services, booking, ProcedureUtc.AddDays(7));
        }

        await DispatchQueuedAsync();
        App.Clock.SetUtcNow(ProcedureUtc.AddDays(7).AddHours(-48));
        await SweepAndDispatchAsync();
        foreach (var booking in bookings)
        {
            var token = await TestData.IssueLinkAsync(App.Services, booking.BookingId);
            var language = await SendAsync(new GetPatientLinkLanguage.Query(token)) ?? "en";
            Assert.True((await SendAsync(new CancelAppointment.Command(token, null, language))).IsSuccess);
        }

        await DispatchQueuedAsync();
    }

    private List<MimeMessage> MailTo(BookedAppointment booked) =>
        Smtp.Received.Where(m => m.To.Mailboxes.Single().Address == booked.PatientEmail).ToList();

    /// <summary>What a patient reads in an email: subject, text part, HTML part without its markup, and the calendar entry.</summary>
    private static IEnumerable<(string Where, string Text)> Readable(MimeMessage mail)
    {
        yield return ($"subject '{mail.Subject}'", mail.Subject ?? string.Empty);
        yield return ($"text of '{mail.Subject}'", mail.TextBody ?? string.Empty);
        yield return ($"HTML of '{mail.Subject}'", WebUtility.HtmlDecode(Tags().Replace(mail.HtmlBody ?? string.Empty, " ")));
        if (mail.Attachments.OfType<MimePart>().Any(a => a.FileName == "appointment.ics"))
        {
            var entry = Assert.Single(Ical.Net.Calendar.Load(CalendarText(mail))!.Events);
            yield return ($".ics of '{mail.Subject}'", $"{entry.Summary}\n{entry.Description}");
        }
    }

    /// <summary>
    /// English in a text: any sentence of the English catalogue (four words or more, placeholders taken
    /// out), or any of English's commonest words, once the clinic's own data (name, address, room) and
    /// links are removed. STOP and START stay: they are the keywords carriers read, in every language.
    /// </summary>
    private IEnumerable<string> EnglishIn(string text)
    {
        var cleaned = Links().Replace(text, " ");
        foreach (var data in new[] { "Interventional Radiology", "1 Hospital Way", "Main Hospital, 2nd floor", "Hospital Way", "Main Hospital" })
        {
            cleaned = cleaned.Replace(data, " ", StringComparison.Ordinal);
        }

        cleaned = Room().Replace(cleaned, " ");
        foreach (var sentence in EnglishSentences.Value.Where(s => cleaned.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            yield return sentence;
        }

        foreach (Match word in EnglishWord().Matches(cleaned))
        {
            yield return word.Value;
        }
    }

    private readonly Lazy<IReadOnlyList<string>> EnglishSentences = new(() =>
    {
        var english = PatientTexts.FromResources(CultureInfo.GetCultureInfo("en-US")).Catalogue(PatientLanguages.English);
        return english.Values
            .SelectMany(v => SentenceBreak().Split(Placeholder().Replace(v, "\n")))
            .Select(s => s.Trim(' ', '-', ':', ',', '.'))
            .Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4)
            .Distinct()
            .ToList();
    });

    private async Task WriteTwinsAsync(MimeMessage spanish, MimeMessage english)
    {
        // Kept for the issue's closing note: one Spanish email and its English twin, as sent.
        var folder = Path.Combine(Path.GetTempPath(), "tace-language-twins");
        Directory.CreateDirectory(folder);
        await spanish.WriteToAsync(Path.Combine(folder, "spanish.eml"));
        await english.WriteToAsync(Path.Combine(folder, "english.eml"));
    }

    private static string CalendarText(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single(a => a.FileName == "appointment.ics");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();

    [GeneratedRegex(@"IR Suite \w+")]
    private static partial Regex Room();

    [GeneratedRegex(@"\b(the|your|you|please|we|our|will|with|and|for|this|that|is|are|to|of|on|before|after|call|reply|dear|hello|hi|appointment|procedure|tomorrow)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"(?<=[.!?:])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\{\{\s*\w+\s*\}\}|\{\d\}")]
    private static partial Regex Placeholder();
}
