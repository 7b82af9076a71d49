using System.Net;
using System.Net.Http.Headers;

using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Messaging.Sms;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Composition;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Confirmation;

/// <summary>
/// The real app with texts set up (Twilio's API at the fake gateway on loopback): the patient pages in
/// the patient's language, the text settings on the page, the provider's signed webhooks (and forged
/// ones), the message templates per language, and the credentials check at start.
/// </summary>
[Collection(nameof(LanguagesAndTextsPagesTests))]
public sealed class LanguagesAndTextsPagesTests(TextingWebApp app) : IClassFixture<TextingWebApp>
{
    // The clinic keeps the built-in checklist: driver home, fasting, list of medicines.
    private const string Driver = "Confirm.Ticked[0]";
    private const string Fasting = "Confirm.Ticked[1]";
    private const string Medicines = "Confirm.Ticked[2]";
    private const string NotTickedInSpanish = "Marque esta casilla si es cierto para usted. Si no lo es, llámenos antes de confirmar.";

    [Fact]
    public async Task ASpanishSpeakingPatientsPage_ItsErrors_AndTheConfirmation_AreSpanish_AndAnEnglishPatientsAreEnglish()
    {
        using var browser = app.CreateClient();
        var spanish = await browser.GetAsync(await LinkAsync(await BookAsync(PatientLanguages.Spanish)));
        var english = await browser.GetAsync(await LinkAsync(await BookAsync(PatientLanguages.English)));

        Assert.Equal("es", spanish.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Hola, Maria. Esta es su cita", spanish.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("No coma nada después de la medianoche", spanish.Body, StringComparison.Ordinal);
        Assert.Contains("Ayuda gratuita con el idioma", spanish.Document.GetElementById("language-assistance")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Confirmar mi cita", spanish.Document.QuerySelector("form button[type=submit]")!.TextContent.Trim());
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Hello Maria, here is your appointment", english.Document.QuerySelector("h1")!.TextContent.Trim());
        PageRules.AssertEveryInputIsLabelled(spanish);

        var unticked = await browser.SubmitAsync(spanish, spanish.FormWithField(Driver), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unticked.Status);
        Assert.Equal([NotTickedInSpanish, NotTickedInSpanish, NotTickedInSpanish], [unticked.FieldMessage(Driver), unticked.FieldMessage(Fasting), unticked.FieldMessage(Medicines)]);
        Assert.Equal(
            "Un adulto responsable me llevará a casa en auto y no manejaré durante 24 horas.",
            unticked.Document.QuerySelector("label[for=confirm-item-0]")!.TextContent.Trim());
        Assert.Contains("lista de todos mis medicamentos", unticked.Document.QuerySelector("label[for=confirm-item-2]")!.TextContent, StringComparison.Ordinal);

        var ticked = new Dictionary<string, string> { [Driver] = "true", [Fasting] = "true", [Medicines] = "true" };
        var confirmed = await browser.SubmitAsync(unticked, unticked.FormWithField(Driver), ticked);
        Assert.Equal("Gracias: su cita está confirmada", confirmed.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("es", confirmed.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task ALinkThatNoLongerWorks_SpeaksItsPatientsLanguage_AndOneThatNeverExisted_SpeaksEveryLanguage()
    {
        using var browser = app.CreateClient();
        var expired = "/p/" + await TestData.IssueLinkAsync(app.Factory.Services, (await BookAsync(PatientLanguages.Spanish)).BookingId, DateTime.UtcNow.AddMinutes(-1));

        var spanish = await browser.GetAsync(expired);
        var unknown = await browser.GetAsync("/p/" + new string('x', 43));

        Assert.Equal(HttpStatusCode.NotFound, spanish.Status);
        Assert.Equal("Este enlace ya no funciona", spanish.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("This link no longer works", unknown.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Este enlace ya no funciona", unknown.Document.QuerySelector("section[lang=es] h2")!.TextContent.Trim());
    }

    [Fact]
    public async Task ThePatient_ChangesTheirMobileAndTurnsTextsOnAndOff_OnTheirPage_InTheirLanguage()
    {
        var booked = await BookAsync(PatientLanguages.Spanish);
        using var browser = app.CreateClient();
        var page = await browser.GetAsync(await LinkAsync(booked));
        Assert.Contains("Podemos enviarle mensajes de texto", page.Document.GetElementById("text-settings")!.TextContent, StringComparison.Ordinal);

        var refused = await browser.SubmitAsync(page, page.FormWithField("Texts.Mobile"), new Dictionary<string, string> { ["Texts.Mobile"] = "555-01", ["Texts.Consent"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("Escriba un número de celular, por ejemplo (617) 555-0199.", refused.FieldMessage("Texts.Mobile"));

        var saved = await browser.SubmitAsync(refused, refused.FormWithField("Texts.Mobile"), new Dictionary<string, string> { ["Texts.Mobile"] = "(617) 555-0177", ["Texts.Consent"] = "true" });
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Guardado: le enviaremos mensajes de texto al (617) 555-0177.", saved.Body, StringComparison.Ordinal);
        var referral = await app.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == booked.ReferralId));
        Assert.Equal(("+16175550177", true), (referral.PatientMobile, referral.TextConsent));
        var events = await app.WithDbAsync(db => db.ReferralEvents.AsNoTracking().Where(e => e.ReferralId == booked.ReferralId).Select(e => e.Kind).ToListAsync());
        Assert.Contains("TextSettingsChanged", events);

        var off = await browser.SubmitAsync(saved, saved.FormWithField("Texts.Mobile"), new Dictionary<string, string> { ["Texts.Mobile"] = "(617) 555-0177", ["Texts.Consent"] = "false" });
        Assert.Contains("Guardado: no le enviaremos mensajes de texto.", off.Body, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == booked.ReferralId).Select(r => r.TextConsent).SingleAsync()));
    }

    [Fact]
    public async Task AStopReply_SignedByTheProvider_TakesEffectAtOnce_StopsTheNextReminder_AndStaffSeeIt()
    {
        var booked = await BookAsync(PatientLanguages.Spanish, TestTexts.SpanishPatientMobile);
        using var provider = app.CreateClient();

        var (status, answer) = await PostSignedAsync(provider, app.Gateway.Reply(TestTexts.SpanishPatientMobile, "STOP"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<Message>", answer, StringComparison.Ordinal);
        Assert.Contains("ya no recibirá más mensajes", answer, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.TextOptOuts.AnyAsync(o => o.PhoneNumber == TestTexts.SpanishPatientMobile)));

        var reminder = await FallDueAsync(booked, PatientReminders.TextKindFor(TimeSpan.FromHours(72)));
        Assert.Equal(DispatchOutcome.Skipped, await DispatchAsync(reminder));
        Assert.DoesNotContain(app.Gateway.Texts, t => t.To == TestTexts.SpanishPatientMobile);

        using var scheduler = app.CreateClient();
        await scheduler.LoginAsync(app.Scheduler);
        var bookingPage = await scheduler.GetAsync($"/scheduling/bookings/{booked.BookingId}");
        Assert.Contains("replied STOP", bookingPage.Document.GetElementById("texts-stopped")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("replied STOP", bookingPage.Document.QuerySelector("#timeline li[data-kind=TextsStopped]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHelpReply_IsAnsweredInThePatientsLanguage_WithTheClinicsNumber()
    {
        await BookAsync(PatientLanguages.Spanish, "+16175550155");
        using var provider = app.CreateClient();

        var (status, answer) = await PostSignedAsync(provider, app.Gateway.Reply("+16175550155", "ayuda"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("mensajes sobre su cita", answer, StringComparison.Ordinal);
        Assert.Contains("555-0100", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedWebhook_IsRefusedWith403_AndChangesNothing()
    {
        await BookAsync(PatientLanguages.English, "+16175550166");
        using var forger = app.CreateClient();
        var (url, form) = app.Gateway.Reply("+16175550166", "STOP");
        var (_, helpForm) = app.Gateway.Reply("+16175550166", "HELP");

        var unsigned = await PostAsync(forger, url, form, signature: null);
        var wrongKey = await PostAsync(forger, url, form, TwilioSignature.Compute("not-the-auth-token-at-all-000000", url.ToString(), form));
        var otherBody = await PostAsync(forger, url, form, app.Gateway.Sign(url, helpForm));
        var otherUrl = await PostAsync(forger, url, form, TwilioSignature.Compute(TestTexts.AuthToken, "https://evil.example/sms/inbound", form));

        Assert.All([unsigned, wrongKey, otherBody, otherUrl], s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.False(await app.WithDbAsync(db => db.TextOptOuts.AnyAsync(o => o.PhoneNumber == "+16175550166")));
    }

    [Fact]
    public async Task AnUndeliveredReceipt_PutsTheTextOnNeedsAttention_AndAForgedReceiptChangesNothing()
    {
        var booked = await BookAsync(PatientLanguages.English, "+16175550177");
        var row = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.SubjectId == booked.BookingId && m.Kind == MessageKinds.PatientBookedText));
        Assert.Equal(DispatchOutcome.Sent, await DispatchAsync(row.Id));
        var text = Assert.Single(app.Gateway.Texts, t => t.To == "+16175550177");
        using var provider = app.CreateClient();

        var forged = app.Gateway.Receipt(text, "undelivered", "30003");
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(provider, forged.Url, forged.Form, signature: "bm90IGEgc2lnbmF0dXJl"));
        Assert.Equal(OutboxStatus.Sent, await StatusOfAsync(row.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await PostSignedAsync(provider, app.Gateway.Receipt(text, "undelivered", "30003"))).Status);
        Assert.Equal(OutboxStatus.Failed, await StatusOfAsync(row.Id));
        using var scheduler = app.CreateClient();
        await scheduler.LoginAsync(app.Scheduler);
        var attention = await scheduler.GetAsync("/scheduling/attention");
        var line = attention.Document.QuerySelectorAll("#failed ~ table tbody tr").Select(r => r.TextContent).Single(t => t.Contains("Patient text: please confirm", StringComparison.Ordinal));
        Assert.Contains("Text", line, StringComparison.Ordinal);
        Assert.Contains("30003", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTemplatesPage_HasATextPerLanguage_AndShowsWhereATranslationMayBeBehindTheEnglish()
    {
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);
        var spanishForm = await admin.GetAsync($"/admin/templates/{MessageKinds.GoingHomeSameDay}?language=es");
        Assert.Contains("La mayoría de los pacientes", spanishForm.Document.QuerySelector("textarea[name=Body]")!.TextContent, StringComparison.Ordinal);

        var englishForm = await admin.GetAsync($"/admin/templates/{MessageKinds.GoingHomeSameDay}?language=en");
        var saved = await ReferralFormsPress(admin, englishForm, "Most patients go home the same day. Parking is free in garage B.");
        Assert.Equal(HttpStatusCode.OK, saved.Status);

        var list = await admin.GetAsync("/admin/templates");
        var row = list.Document.QuerySelector($"tr[data-kind={MessageKinds.GoingHomeSameDay}]")!;
        Assert.Equal("ClinicText", row.QuerySelector("li[data-language=en]")!.GetAttribute("data-state"));
        Assert.Equal("BuiltInWhileEnglishChanged", row.QuerySelector("li[data-language=es]")!.GetAttribute("data-state"));
        Assert.NotNull(list.Document.GetElementById("templates-need-attention"));

        // The Spanish patient still reads Spanish; the English one the clinic's new text.
        using var browser = app.CreateClient();
        var spanishPage = await browser.GetAsync(await LinkAsync(await BookAsync(PatientLanguages.Spanish)));
        Assert.Contains("La mayoría de los pacientes", spanishPage.Document.GetElementById("going-home")!.TextContent, StringComparison.Ordinal);
        var englishPage = await browser.GetAsync(await LinkAsync(await BookAsync(PatientLanguages.English)));
        Assert.Contains("garage B", englishPage.Document.GetElementById("going-home")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProvidersCredentials_AreCheckedAtStart_AWrongTokenIsNamed_AnUnreachableProviderIsNot()
    {
        Assert.Null(await CheckAsync(TestTexts.AuthToken, app.Gateway.BaseUrl));

        var refused = await CheckAsync("wrong-auth-token-0123456789abcdef", app.Gateway.BaseUrl);
        Assert.NotNull(refused);
        Assert.Contains("Sms:AccountSid and Sms:AuthToken were refused", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-auth-token", refused, StringComparison.Ordinal);

        Assert.Null(await CheckAsync(TestTexts.AuthToken, new Uri("http://127.0.0.1:9/")));
    }

    private static async Task<string?> CheckAsync(string authToken, Uri baseUrl)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(Options.Create(new SmsOptions
        {
            Provider = SmsProvider.Twilio,
            AccountSid = TestTexts.AccountSid,
            AuthToken = authToken,
            From = TestTexts.ClinicNumber,
            TimeoutSeconds = 5,
        }));
        services.AddSingleton(new SmsEndpoint(() => baseUrl));
        await using var provider = services.BuildServiceProvider();
        return await TextProviderCheck.ProblemAsync(provider, TestContext.Current.CancellationToken);
    }

    private async Task<BookedAppointment> BookAsync(string language, string? mobile = null) =>
        await TestData.BookAsync(app.Factory.Services, DateTime.UtcNow.Date.AddDays(12).AddHours(14), language: language, mobile: mobile);

    private async Task<string> LinkAsync(BookedAppointment booked) =>
        "/p/" + await TestData.IssueLinkAsync(app.Factory.Services, booked.BookingId);

    /// <summary>A reminder weeks ahead is made due now, as the clock would make it.</summary>
    private async Task<Guid> FallDueAsync(BookedAppointment booked, string kind)
    {
        var id = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == booked.BookingId && m.Kind == kind).Select(m => m.Id).SingleAsync());
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow.AddSeconds(-1))));
        return id;
    }

    private async Task<DispatchOutcome> DispatchAsync(Guid id)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(id, CancellationToken.None);
    }

    private Task<OutboxStatus> StatusOfAsync(Guid id) =>
        app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync());

    private async Task<(HttpStatusCode Status, string Body)> PostSignedAsync(BrowserClient client, (Uri Url, IReadOnlyDictionary<string, string> Form) request)
    {
        using var message = Request(request.Url, request.Form, app.Gateway.Sign(request.Url, request.Form));
        using var response = await client.Http.SendAsync(message, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<HttpStatusCode> PostAsync(BrowserClient client, Uri url, IReadOnlyDictionary<string, string> form, string? signature)
    {
        using var message = Request(url, form, signature);
        using var response = await client.Http.SendAsync(message, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>The provider calls the app's public URL; the test server answers it at the same path.</summary>
    private static HttpRequestMessage Request(Uri publicUrl, IReadOnlyDictionary<string, string> form, string? signature)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, publicUrl.PathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            message.Headers.Add(TwilioSignature.Header, signature);
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
        return message;
    }

    private static Task<Page> ReferralFormsPress(BrowserClient admin, Page form, string body) =>
        Referrals.ReferralForms.PressAsync(admin, form, form.FormWithField("Body"), new Dictionary<string, string> { ["Body"] = body }, "intent", "save");
}

/// <summary>The app with texts going to a fake gateway on loopback, its own database, and one account per staff role it needs.</summary>
public sealed class TextingWebApp : IAsyncLifetime
{
    private SchedulingWebFactory? _factory;

    public FakeSmsGateway Gateway { get; private set; } = null!;

    public SchedulingWebFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public TestUser Scheduler { get; private set; } = null!;

    public TestUser Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Gateway = await TestTexts.StartGatewayAsync();
        Gateway.AppBaseUrl = new Uri("https://localhost:5001/");
        _factory = await WebApp.StartAsync(SqliteTestDatabase.Create(), builder =>
        {
            foreach (var (key, value) in TestTexts.Settings(Gateway))
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Clinic:PublicBaseUrl", "https://localhost:5001");

            // These tests run on the wall clock at any hour: no quiet hours here (they have tests of their own, on a fake clock).
            builder.UseSetting("Sms:QuietHoursStart", "00:00");
            builder.UseSetting("Sms:QuietHoursEnd", "00:00");
            builder.UseSetting("RateLimits:PatientLinkPerMinute", "100000");
        });
        Scheduler = await WebApp.CreateUserAsync(_factory, Roles.Scheduler);
        Admin = await WebApp.CreateUserAsync(_factory, Roles.Admin);
    }

    public BrowserClient CreateClient() => WebApp.CreateClient(Factory);

    public Task<T> WithDbAsync<T>(Func<Scheduling.Infrastructure.Persistence.ApplicationDbContext, Task<T>> action) => WebApp.WithDbAsync(Factory, action);

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await _factory.Database.DisposeAsync();
        }

        await Gateway.DisposeAsync();
    }
}

[CollectionDefinition(nameof(LanguagesAndTextsPagesTests), DisableParallelization = true)]
public sealed class LanguagesAndTextsPagesTestsCollection;
