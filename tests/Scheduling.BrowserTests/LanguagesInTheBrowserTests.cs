using System.Text.RegularExpressions;

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

using Microsoft.Playwright;

using MimeKit;

namespace Scheduling.BrowserTests;

/// <summary>
/// One run, two patients: a Spanish-speaking one and an English-speaking one, referred by the doctor
/// through the form and booked by the scheduler. Each opens the emailed link in the browser. The
/// Spanish patient's email, calendar entry (parsed), appointment page, checklist errors and confirmation
/// are Spanish; the English patient's are English; axe finds nothing on the patient pages in either.
/// </summary>
[Collection(BookingCollection.Name)]
public sealed class LanguagesInTheBrowserTests(BrowserApp app)
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task ASpanishSpeakingPatient_GetsEverythingInSpanish_AndAnEnglishSpeakingOneInTheSameRun_InEnglish()
    {
        var spanish = TestPatient.Unique("Lucia") with { Language = "es" };
        var english = TestPatient.Unique("Grace") with { Language = "en" };
        await using (var doctor = await app.NewSessionAsync())
        await using (var scheduler = await app.NewSessionAsync())
        {
            await doctor.SignInAsync("doctor@clinic.test");
            await CareJourney.DoctorSubmitsReferralAsync(doctor, spanish, app.ClinicToday);
            await CareJourney.DoctorSubmitsReferralAsync(doctor, english, app.ClinicToday);
            await scheduler.SignInAsync("scheduler@clinic.test");
            await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, spanish);
            await CareJourney.SchedulerBooksFromTheQueueAsync(scheduler, english);
        }

        var violations = new List<string>();
        await using var spanishBrowser = await app.NewSessionAsync();
        var spanishLink = await CareJourney.PatientFollowsTheEmailedLinkAsync(spanishBrowser, spanish, app.BaseUrl);
        var mail = await EmailToAsync(spanish);
        Assert.StartsWith("Por favor, confirme su procedimiento del ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"Hola, {spanish.FirstName}:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("No coma nada después de la medianoche", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ayuda gratuita con el idioma", mail.HtmlBody, StringComparison.Ordinal);
        var entry = Assert.Single(Calendar(mail).Events);
        Assert.StartsWith("Cita en el hospital: llegue a las ", entry.Summary, StringComparison.Ordinal);
        Assert.StartsWith("Llegue a las ", entry.Description, StringComparison.Ordinal);
        Assert.Contains("¿Preguntas? Llámenos al", entry.Description, StringComparison.Ordinal);

        var page = spanishBrowser.Page;
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Hola, {spanish.FirstName}. Esta es su cita" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#language-assistance")).ToContainTextAsync("Ayuda gratuita con el idioma");
        violations.AddRange(await ViolationsAsync(page, "Spanish appointment page"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Pedir otra fecha" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pedir otra fecha" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("miércoles")).ToBeVisibleAsync();
        violations.AddRange(await ViolationsAsync(page, "Spanish another-date page"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Volver a mi cita" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancelar mi cita" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "¿Seguro que quiere cancelar esta cita?" })).ToBeVisibleAsync();
        violations.AddRange(await ViolationsAsync(page, "Spanish cancel page"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Mantener mi cita" }).ClickAsync();
        await BrowserApp.ArrivedAtAsync(page, new Regex("^" + Regex.Escape(spanishLink) + "$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar mi cita" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-item-0-error")).ToHaveTextAsync("Marque esta casilla si es cierto para usted. Si no lo es, llámenos antes de confirmar.");
        await Assertions.Expect(page.Locator("#confirm-item-1-error")).ToHaveTextAsync("Marque esta casilla si es cierto para usted. Si no lo es, llámenos antes de confirmar.");
        violations.AddRange(await ViolationsAsync(page, "Spanish appointment page with errors"));
        await page.GetByLabel("Un adulto responsable me llevará a casa").CheckAsync();
        await page.GetByLabel("No comeré nada después de la medianoche").CheckAsync();
        await page.GetByLabel("Tengo preparada una lista de todos mis medicamentos").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar mi cita" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gracias: su cita está confirmada" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#appointment-date")).ToContainTextAsync(" de ");
        violations.AddRange(await ViolationsAsync(page, "Spanish confirmed page"));
        var spanishMain = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(@"\b(the|your|please|appointment|confirmed)\b", spanishMain);

        await using var englishBrowser = await app.NewSessionAsync();
        await CareJourney.PatientFollowsTheEmailedLinkAsync(englishBrowser, english, app.BaseUrl);
        var englishMail = await EmailToAsync(english);
        Assert.Matches("^Your procedure on .+: please confirm$", englishMail.Subject);
        Assert.StartsWith("Hospital visit: please come at ", Assert.Single(Calendar(englishMail).Events).Summary, StringComparison.Ordinal);
        var englishPage = englishBrowser.Page;
        Assert.Equal("en", await englishPage.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(englishPage.GetByRole(AriaRole.Heading, new() { Name = $"Hello {english.FirstName}, here is your appointment" })).ToBeVisibleAsync();
        violations.AddRange(await ViolationsAsync(englishPage, "English appointment page"));
        await CareJourney.PatientConfirmsAsync(englishPage);
        violations.AddRange(await ViolationsAsync(englishPage, "English confirmed page"));

        await BrowserApp.OpenAsync(englishPage, "/p/" + new string('x', 43));
        violations.AddRange(await ViolationsAsync(englishPage, "link that no longer works, in every language"));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Empty(spanishBrowser.CspViolations);
        Assert.Empty(englishBrowser.CspViolations);
    }

    /// <summary>The email the job wrote for the patient, as the mail program gets it (the .eml in the pickup folder).</summary>
    private async Task<MimeMessage> EmailToAsync(TestPatient patient)
    {
        foreach (var file in new DirectoryInfo(app.MailFolder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc))
        {
            var message = await MimeMessage.LoadAsync(file.FullName, TestContext.Current.CancellationToken);
            if (message.To.Mailboxes.Any(m => m.Address == patient.Email))
            {
                return message;
            }
        }

        throw new Xunit.Sdk.XunitException($"No email to {patient.Email} in {app.MailFolder}.");
    }

    private static Ical.Net.Calendar Calendar(MimeMessage mail)
    {
        var part = mail.Attachments.OfType<MimePart>().Single(a => a.FileName == "appointment.ics");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!;
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(WcagAa);
        return result.Violations.SelectMany(v => v.Nodes.Select(n => $"{where} ({page.Url}): {v.Id}: {v.Help} at {n.Target} {n.Html}"));
    }
}
