using System.Net;
using System.Security.Cryptography;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Features.Integration;
using Scheduling.Domain.Integration;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Integration;

/// <summary>Admin → Hospital systems: registering a system with its public key, refusals beside the field, disabling, replacing the key.</summary>
public sealed class HospitalSystemsPageTests(WebApp app)
{
    [Fact]
    public async Task Admin_RegistersASystemWithAPemKey_AndSeesItsClientIdAndKeyId()
    {
        using var browser = await SignedInAdminAsync();
        using var key = RSA.Create(2048);
        var name = "St Mary's EHR " + Guid.NewGuid().ToString("N")[..6];

        var page = await RegisterAsync(browser, name, key.ExportSubjectPublicKeyInfoPem(), SmartScopes.ServiceRequestCreate, SmartScopes.TaskRead);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var client = await app.WithDbAsync(db => db.IntegrationClients.SingleAsync(c => c.Name == name));
        Assert.Equal(app.ReferringPhysician.Id, client.DoctorUserId);
        Assert.Equal([SmartScopes.ServiceRequestCreate, SmartScopes.TaskRead], client.AllowedScopes);
        var flash = page.Document.QuerySelector("[role='status']")!.TextContent;
        Assert.Contains(client.ClientId, flash, StringComparison.Ordinal);
        Assert.Contains(client.KeyIds, flash, StringComparison.Ordinal);
        var row = Assert.Single(page.Document.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains("In service", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Send referrals", row.TextContent, StringComparison.Ordinal);
        PageRules.AssertEveryInputIsLabelled(page);
        PageRules.AssertNoInlineScriptOrStyle(page);
    }

    [Fact]
    public async Task PrivateKeyPasted_IsRefusedBesideTheField_AndNothingIsRegistered()
    {
        using var browser = await SignedInAdminAsync();
        using var key = RSA.Create(2048);
        var name = "Leaky EHR " + Guid.NewGuid().ToString("N")[..6];

        var page = await RegisterAsync(browser, name, key.ExportPkcs8PrivateKeyPem(), SmartScopes.PatientRead);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(PublicKeySet.PrivateKeyMessage, page.FieldMessage("NewClient.PublicKey"));
        Assert.Equal(name, page.Document.QuerySelector("[name='NewClient.Name']")?.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.IntegrationClients.CountAsync(c => c.Name == name)));
    }

    [Fact]
    public async Task NoScopeChosen_AndA1024BitKey_AreEachRefusedBesideTheirField()
    {
        using var browser = await SignedInAdminAsync();
        using var weak = RSA.Create(1024);

        var page = await RegisterAsync(browser, "Weak EHR", weak.ExportSubjectPublicKeyInfoPem());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        // The checkboxes' message sits under their fieldset, named by the fieldset's aria-describedby.
        Assert.Contains("at least one", page.Document.QuerySelector("fieldset [data-valmsg-for='NewClient.Scopes']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2048", page.FieldMessage("NewClient.PublicKey"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_DisablesASystem_AndReplacesItsKeyWithAJwks()
    {
        using var browser = await SignedInAdminAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var name = "Engine " + Guid.NewGuid().ToString("N")[..6];
        var page = await RegisterAsync(browser, name, key.ExportSubjectPublicKeyInfoPem(), SmartScopes.AppointmentRead);
        var row = page.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));

        page = await browser.SubmitAsync(page, (IHtmlFormElement)row.QuerySelector("form")!, new Dictionary<string, string>());
        Assert.Contains("Disabled", page.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);

        var id = await app.WithDbAsync(db => db.IntegrationClients.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());
        var form = await browser.GetAsync($"/admin/integrations/{id}/key");
        PageRules.AssertEveryInputIsLabelled(form);
        const string jwks = """{"keys":[{"kty":"EC","crv":"P-384","kid":"engine-2027","x":"iA8ZxV0lx7E9Y7aI1v5RY1m0t0hCZq4u3rJmCz6qz2sk2XOYU2rQ7Vn2w2oL0d8y","y":"qvN0Zg1ljJ6dJ5bWbQ4KJ3GQ4t1WqKpZ3qgkCAMmUw1s1YnqKJk3k5a2h0Ct9kGk"}]}""";
        page = await browser.SubmitAsync(form, form.FormWithField("Form.PublicKey"), new Dictionary<string, string> { ["Form.PublicKey"] = jwks });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var client = await app.WithDbAsync(db => db.IntegrationClients.SingleAsync(c => c.Id == id));
        Assert.Equal("engine-2027", client.KeyIds);
        Assert.False(client.IsActive);
    }

    [Fact]
    public async Task HospitalSystemsPage_IsForAdminsOnly()
    {
        using var browser = app.CreateClient();
        await browser.LoginAsync(app.Scheduler);

        var page = await browser.GetAsync("/admin/integrations");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    private async Task<Page> RegisterAsync(BrowserClient browser, string name, string publicKey, params string[] scopes)
    {
        var page = await browser.GetAsync("/admin/integrations");
        var form = page.FormWithField("NewClient.Name");
        foreach (var box in form.QuerySelectorAll("input[type='checkbox'][name='NewClient.Scopes']").Cast<IHtmlInputElement>())
        {
            box.IsChecked = scopes.Contains(box.Value);
        }

        return await browser.SubmitAsync(page, form, new Dictionary<string, string>
        {
            ["NewClient.Name"] = name,
            ["NewClient.DoctorUserId"] = app.ReferringPhysician.Id,
            ["NewClient.PublicKey"] = publicKey,
        });
    }

    private async Task<BrowserClient> SignedInAdminAsync()
    {
        var browser = app.CreateClient();
        var home = await browser.LoginAsync(app.Admin);
        Assert.Equal("/", home.Url.AbsolutePath);
        return browser;
    }
}
