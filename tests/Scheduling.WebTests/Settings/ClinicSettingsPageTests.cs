using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Settings;

/// <summary>
/// The settings page on an app of its own (settings are one per clinic; the shared app's other tests
/// read the configured clinic): labelled fields, refusals next to the field with everything typed kept,
/// and a saved brand on every staff page and on the patient's page, which has no staff menu.
/// </summary>
public sealed class ClinicSettingsPageTests : IAsyncLifetime
{
    private SchedulingWebFactory _factory = null!;
    private TestUser _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await WebApp.StartAsync(SqliteTestDatabase.Create());
        _admin = await WebApp.CreateUserAsync(_factory, Roles.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _factory.Database.DisposeAsync();
    }

    [Fact]
    public async Task Admin_ChangesTheBrandAndPhone_AndEveryStaffAndPatientPageShowsThemAtOnce()
    {
        using var admin = WebApp.CreateClient(_factory);
        await admin.LoginAsync(_admin);
        var settings = await admin.GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        PageRules.AssertEveryInputIsLabelled(settings);
        PageRules.AssertNoInlineScriptOrStyle(settings);
        Assert.Equal("555-0100", settings.Document.QuerySelector("[name='Values[Clinic:Phone]']")!.GetAttribute("value"));

        var saved = await admin.SubmitAsync(settings, settings.FormWithField("Values[Clinic:Phone]"), new Dictionary<string, string>
        {
            ["Values[Clinic:Name]"] = "Harbour Interventional Radiology",
            ["Values[Clinic:ShortName]"] = "Harbour IR",
            ["Values[Clinic:Phone]"] = "555-0199",
            ["Values[Clinic:Directions]"] = "Park in garage B.\nCheck in at desk 4.",
        });

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Saved", saved.Document.QuerySelector("[role='status']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Harbour IR", saved.Document.QuerySelector(".navbar-brand")!.TextContent.Trim());
        Assert.EndsWith("· Harbour IR", saved.Document.Title, StringComparison.Ordinal);
        Assert.Contains("555-0199", saved.Document.QuerySelector("footer")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Last changed by", saved.Document.QuerySelector("fieldset[data-section='Clinic'] [data-last-change]")!.TextContent, StringComparison.Ordinal);

        var booked = await TestData.BookAsync(_factory.Services, DateTime.UtcNow.Date.AddDays(10).AddHours(14));
        using var patient = WebApp.CreateClient(_factory);
        var page = await patient.GetAsync("/p/" + await TestData.IssueLinkAsync(_factory.Services, booked.BookingId));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Harbour IR", page.Document.QuerySelector("#clinic-brand")!.TextContent.Trim());
        Assert.Contains("Check in at desk 4.", page.Document.QuerySelector("#clinic-directions")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("555-0199", page.Document.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        // The patient's page is the clinic's, not the staff application: no menu button, no staff links, no sign-in.
        Assert.Null(page.Document.QuerySelector(".navbar-toggler"));
        Assert.Null(page.Document.QuerySelector("nav"));
        Assert.DoesNotContain("Sign in", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("TACE Scheduling", page.Body, StringComparison.Ordinal);
        PageRules.AssertNoInlineScriptOrStyle(page);
    }

    [Fact]
    public async Task AValueTheRulesRefuse_ComesBackNextToItsField_WithEverythingTypedKept_AndNothingSaved()
    {
        using var admin = WebApp.CreateClient(_factory);
        await admin.LoginAsync(_admin);
        var settings = await admin.GetAsync("/admin/settings");

        var refused = await admin.SubmitAsync(settings, settings.FormWithField("Values[Clinic:Phone]"), new Dictionary<string, string>
        {
            ["Values[Clinic:Phone]"] = "555-0142",
            ["Values[Confirmation:CutoffHours]"] = "1000",
            ["Values[Appointments:ReminderHoursBefore]"] = "72, soon",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.StartsWith("Must be between 0 and 336", refused.FieldMessage("Values[Confirmation:CutoffHours]"), StringComparison.Ordinal);
        Assert.Equal("Enter whole numbers separated by commas, for example 72, 24.", refused.FieldMessage("Values[Appointments:ReminderHoursBefore]"));
        Assert.Equal("", refused.FieldMessage("Values[Clinic:Phone]"));
        Assert.Equal("555-0142", refused.Document.QuerySelector("[name='Values[Clinic:Phone]']")!.GetAttribute("value"));
        Assert.Equal("72, soon", refused.Document.QuerySelector("[name='Values[Appointments:ReminderHoursBefore]']")!.GetAttribute("value"));
        Assert.Equal("true", refused.Document.QuerySelector("[name='Values[Confirmation:CutoffHours]']")!.GetAttribute("aria-invalid"));
        Assert.NotNull(refused.Document.QuerySelector("#error-summary"));
        Assert.Equal(0, await WithDbCountAsync());
    }

    [Fact]
    public async Task StaffWhoAreNotAdmins_CannotOpenOrPostTheSettings()
    {
        var scheduler = await WebApp.CreateUserAsync(_factory, Roles.Scheduler);
        using var browser = WebApp.CreateClient(_factory);
        await browser.LoginAsync(scheduler);

        var page = await browser.GetAsync("/admin/settings");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal(0, await WithDbCountAsync());
    }

    private async Task<int> WithDbCountAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Scheduling.Infrastructure.Persistence.ApplicationDbContext>().StoredSettings.CountAsync();
    }
}
