using System.Net;

using AngleSharp.Dom;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Accounts;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>On an app of its own: "the last active administrator" counts every account in the database.</summary>
public sealed class LastAdministratorTests : IAsyncLifetime
{
    private readonly WebApp _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheOnlyActiveAdministrator_CannotBeDeactivatedOrLoseTheAdminRole_UntilThereIsAnother()
    {
        using var admin = _app.CreateClient();
        await admin.LoginAsync(_app.Admin);
        var id = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == _app.Admin.Email).Select(u => u.Id).SingleAsync());
        var details = await admin.GetAsync($"/admin/users/{id}");

        var deactivate = await admin.SubmitAsync(details, FormEndingWith(details, "/deactivate"), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, deactivate.Status);
        Assert.Contains(AccountRules.LastAdminMessage, deactivate.Body, StringComparison.Ordinal);

        var rolesForm = FormEndingWith(details, "/roles");
        ((AngleSharp.Html.Dom.IHtmlInputElement)rolesForm.QuerySelector($"#role-{Roles.Admin}")!).IsChecked = false;
        ((AngleSharp.Html.Dom.IHtmlInputElement)rolesForm.QuerySelector($"#role-{Roles.Scheduler}")!).IsChecked = true;
        var demote = await admin.SubmitAsync(details, rolesForm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, demote.Status);
        Assert.Contains(AccountRules.LastAdminMessage, demote.Document.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DeactivatedAtUtc).SingleAsync()));
        Assert.Equal("/", (await _app.CreateClient().LoginAsync(_app.Admin)).Url.AbsolutePath);

        await _app.CreateUserAsync(Roles.Admin);
        var allowed = await admin.SubmitAsync(details, FormEndingWith(details, "/deactivate"), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.NotNull(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DeactivatedAtUtc).SingleAsync()));
    }

    private static AngleSharp.Html.Dom.IHtmlFormElement FormEndingWith(Page page, string actionEnding) =>
        page.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.EndsWith(actionEnding, StringComparison.Ordinal));
}
