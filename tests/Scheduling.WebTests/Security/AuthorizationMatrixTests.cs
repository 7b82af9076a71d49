using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

using static Scheduling.WebTests.Security.Outcome;

namespace Scheduling.WebTests.Security;

/// <summary>What one client gets from one endpoint.</summary>
public enum Outcome
{
    /// <summary>200: the page (or file) itself.</summary>
    Ok,

    /// <summary>302 somewhere other than sign-in or access denied (after a post, or to a page the action picks).</summary>
    Redirect,

    /// <summary>302 to /account/login: not signed in (or the action sent the user to sign in).</summary>
    Login,

    /// <summary>403, or 302 to /account/access-denied: signed in, but the role may not.</summary>
    Denied,

    /// <summary>404: nothing there (a record id that does not exist, or a page absent in this environment).</summary>
    NotFound,

    /// <summary>400 or 422: allowed in, the (empty) input refused.</summary>
    Invalid,

    /// <summary>401: an API that takes a bearer token only (the FHIR endpoint); a staff cookie is no credential there.</summary>
    Unauthorized,
}

/// <param name="Endpoint">"METHOD route-template" exactly as routing has it (ANY when the action takes every method).</param>
/// <param name="Url">The request; null means the template with every parameter filled with a value that matches nothing.</param>
/// <param name="FreshSession">The request ends or changes the session (sign-out, a new two-factor key): each role gets a new one.</param>
public sealed record MatrixRow(
    string Endpoint,
    Outcome Anonymous,
    Outcome Admin,
    Outcome Scheduler,
    Outcome Radiologist,
    Outcome ReferringPhysician,
    string? Url = null,
    bool FreshSession = false)
{
    public Outcome For(string? role) => role switch
    {
        null => Anonymous,
        Roles.Admin => Admin,
        Roles.Scheduler => Scheduler,
        Roles.Radiologist => Radiologist,
        Roles.ReferringPhysician => ReferringPhysician,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

/// <summary>The app of its own for the matrix: no rate limit shared with other tests, one account per role.</summary>
public sealed class MatrixApp : IAsyncLifetime
{
    private readonly Dictionary<string, (BrowserClient Client, string Token)> _clients = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SchedulingWebFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Factory = await WebApp.StartAsync(SqliteTestDatabase.Create(), builder =>
        {
            builder.UseSetting("RateLimits:PatientLinkPerMinute", "100000");
        });

    /// <summary>A signed-in client for the role (anonymous for null) and an antiforgery token valid for it.</summary>
    public async Task<(BrowserClient Client, string Token)> ClientAsync(string? role, bool fresh)
    {
        if (fresh)
        {
            return await SignInAsync(role);
        }

        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            var key = role ?? "anonymous";
            if (!_clients.TryGetValue(key, out var client))
            {
                client = await SignInAsync(role);
                _clients[key] = client;
            }

            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (client, _) in _clients.Values)
        {
            client.Dispose();
        }

        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }

    private async Task<(BrowserClient, string)> SignInAsync(string? role)
    {
        var client = WebApp.CreateClient(Factory);
        var page = role is null
            ? await client.GetAsync("/account/login")
            : await client.LoginAsync(await WebApp.CreateUserAsync(Factory, role));
        var token = page.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {page.Url} for {role ?? "anonymous"}.");
        return (client, token);
    }
}

/// <summary>
/// Every endpoint of the app (each controller action found by reflection, plus the non-MVC ones such
/// as the job dashboard) against one table of what anonymous visitors and each role must get, checked
/// through HTTP. An endpoint without a row fails <see cref="EveryEndpoint_HasARowInTheTable"/> with
/// the row to add.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    /// <summary>
    /// The table. Columns: endpoint, anonymous, Admin, Scheduler, Radiologist, ReferringPhysician.
    /// Record ids in the request are ids that do not exist: an allowed role gets 404, others are denied.
    /// POSTs carry the client's antiforgery token and no other field.
    /// </summary>
    public static readonly IReadOnlyList<MatrixRow> Table =
    [
        // Sign-in, sign-out and the second sign-in step: open to everyone.
        new("GET account/login", Ok, Ok, Ok, Ok, Ok),
        new("POST account/login", Ok, Ok, Ok, Ok, Ok),
        new("POST account/logout", Login, Login, Login, Login, Login, FreshSession: true),
        new("GET account/access-denied", Denied, Denied, Denied, Denied, Denied),
        new("GET account/sign-in/two-factor", Login, Login, Login, Login, Login),
        new("POST account/sign-in/two-factor", Login, Login, Login, Login, Login),
        new("GET account/sign-in/recovery-code", Login, Login, Login, Login, Login),
        new("POST account/sign-in/recovery-code", Login, Login, Login, Login, Login),

        // The signed-in user's own two-factor and sessions: every role, nobody else's.
        new("GET account/two-factor", Login, Ok, Ok, Ok, Ok),
        new("GET account/two-factor/enrol", Login, Ok, Ok, Ok, Ok),
        new("POST account/two-factor/enrol/key", Login, Redirect, Redirect, Redirect, Redirect, FreshSession: true),
        new("POST account/two-factor/enrol", Login, Redirect, Redirect, Redirect, Redirect),
        new("GET account/two-factor/qr", Login, NotFound, NotFound, NotFound, NotFound),
        new("POST account/two-factor/disable", Login, Invalid, Invalid, Invalid, Invalid),
        new("POST account/two-factor/recovery-codes", Login, Redirect, Redirect, Redirect, Redirect),
        new("GET account/forgot-password", Ok, Ok, Ok, Ok, Ok),
        new("POST account/forgot-password", Invalid, Invalid, Invalid, Invalid, Invalid),
        new("GET account/link/{token}", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST account/link/{token}", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("GET account/password", Login, Ok, Ok, Ok, Ok),
        new("POST account/password", Login, Invalid, Invalid, Invalid, Invalid),
        new("GET account/request-access", Ok, Ok, Ok, Ok, Ok),
        new("POST account/request-access", Invalid, Invalid, Invalid, Invalid, Invalid),
        new("GET account/sessions", Login, Ok, Ok, Ok, Ok),
        new("POST account/sessions/{id:guid}/end", Login, NotFound, NotFound, NotFound, NotFound),
        new("POST account/sessions/end-others", Login, Redirect, Redirect, Redirect, Redirect),

        // Start and error pages.
        new("GET ", Login, Ok, Ok, Ok, Ok, Url: "/"),
        new("ANY error", Ok, Ok, Ok, Ok, Ok),
        new("ANY error/{status:int}", Ok, Ok, Ok, Ok, Ok, Url: "/error/404"),
        new("ENDPOINT health", Ok, Ok, Ok, Ok, Ok, Url: "/health"),
        new("ENDPOINT health/live", Ok, Ok, Ok, Ok, Ok, Url: "/health/live"),
        new("ENDPOINT health/ready", Ok, Ok, Ok, Ok, Ok, Url: "/health/ready"),

        // Development-only mail pages: absent in every other environment, for everyone.
        new("GET dev/mail", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("GET dev/mail/{fileName}", NotFound, NotFound, NotFound, NotFound, NotFound, Url: "/dev/mail/none.eml"),
        new("GET dev/texts", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST dev/texts/reply", NotFound, NotFound, NotFound, NotFound, NotFound),

        // The text provider's webhooks: signed by the provider instead of an account (404 while texts are off).
        new("POST sms/inbound", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST sms/status/{id:guid}", NotFound, NotFound, NotFound, NotFound, NotFound),

        // Patients' links: anonymous by design; an unknown token is the same 404 page for all.
        new("GET p/{token}", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST p/{token}/confirm", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST p/{token}/reschedule", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST p/{token}/cancel", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("GET p/{token}/cancel", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("GET p/{token}/another-date", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("GET p/{token}/calendar", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST p/{token}/texts", NotFound, NotFound, NotFound, NotFound, NotFound),

        // Referring doctors' own referrals.
        new("GET referrals", Login, Denied, Denied, Denied, Ok),
        new("GET referrals/new", Login, Denied, Denied, Denied, Ok),
        new("POST referrals/new", Login, Denied, Denied, Denied, Invalid),
        new("GET referrals/{id:guid}", Login, Denied, Denied, Denied, NotFound),
        new("GET referrals/{id:guid}/edit", Login, Denied, Denied, Denied, NotFound),
        new("POST referrals/{id:guid}/edit", Login, Denied, Denied, Denied, NotFound),
        new("POST referrals/{id:guid}/withdraw", Login, Denied, Denied, Denied, NotFound),
        new("POST referrals/{id:guid}/attachments", Login, Denied, Denied, Denied, NotFound),
        new("POST referrals/{id:guid}/attachments/{attachmentId:guid}/remove", Login, Denied, Denied, Denied, NotFound),
        // Downloads: every role, the use case lets through only who may see the referral.
        new("GET referrals/{id:guid}/attachments/{attachmentId:guid}", Login, NotFound, NotFound, NotFound, NotFound),

        // Staff view of a referral.
        new("GET staff/referrals/{id:guid}", Login, NotFound, NotFound, NotFound, Denied),

        // Radiologists' review.
        new("GET review", Login, Denied, Denied, Ok, Denied),
        new("GET review/{id:guid}", Login, Denied, Denied, NotFound, Denied),
        new("POST review/{id:guid}/approve", Login, Denied, Denied, NotFound, Denied),
        new("POST review/{id:guid}/decline", Login, Denied, Denied, NotFound, Denied),
        new("POST review/{id:guid}/override", Login, Denied, Denied, NotFound, Denied),
        new("POST review/{id:guid}/request-information", Login, Denied, Denied, NotFound, Denied),

        // Scheduling work: schedulers, and admins who stand in for them.
        new("GET scheduling/queue", Login, Ok, Ok, Denied, Denied),
        new("GET scheduling/queue/next", Login, Redirect, Redirect, Denied, Denied),
        new("GET scheduling/day", Login, Redirect, Redirect, Redirect, Denied),
        new("GET scheduling/day/{date}", Login, Ok, Ok, Ok, Denied, Url: "/scheduling/day/2026-12-01"),
        new("GET scheduling/patients", Login, Ok, Ok, Ok, Denied),
        new("POST scheduling/patients", Login, Invalid, Invalid, Invalid, Denied),
        new("POST scheduling/bookings/{id:guid}/calls", Login, NotFound, NotFound, Denied, Denied),
        new("GET scheduling/attention", Login, Ok, Ok, Denied, Denied),
        new("POST scheduling/attention/messages/{id:guid}/retry", Login, NotFound, NotFound, Denied, Denied),
        new("GET scheduling/calendar", Login, Ok, Ok, Denied, Denied),
        new("GET scheduling/next-available", Login, Ok, Ok, Denied, Denied),
        new("GET scheduling/affected-bookings", Login, Ok, Ok, Denied, Denied),
        new("GET scheduling/referrals/{referralId:guid}/book", Login, NotFound, NotFound, Denied, Denied),
        new("POST scheduling/referrals/{referralId:guid}/book", Login, NotFound, NotFound, Denied, Denied),
        new("GET scheduling/book", Login, NotFound, NotFound, Denied, Denied),
        new("POST scheduling/book", Login, NotFound, NotFound, Denied, Denied),
        new("GET scheduling/bookings", Login, Ok, Ok, Denied, Denied),
        new("GET scheduling/bookings/{id:guid}", Login, NotFound, NotFound, Denied, Denied),
        new("GET scheduling/bookings/{id:guid}/reschedule", Login, NotFound, NotFound, Denied, Denied),
        new("POST scheduling/bookings/{id:guid}/reschedule", Login, NotFound, NotFound, Denied, Denied),
        new("POST scheduling/bookings/{id:guid}/cancel", Login, NotFound, NotFound, Denied, Denied),
        new("POST scheduling/bookings/{id:guid}/complete", Login, NotFound, NotFound, Denied, Denied),
        new("POST scheduling/bookings/{id:guid}/no-show", Login, NotFound, NotFound, Denied, Denied),

        // Treatment courses: the list and the course page for everyone signed in (a doctor, their own patients'
        // only: the use case answers 404 for another's); the work on a course for the clinic's staff; the
        // readings and the course status for IR physicians.
        new("GET courses", Login, Ok, Ok, Ok, Ok),
        new("GET courses/{id:guid}", Login, NotFound, NotFound, NotFound, NotFound),
        new("GET courses/{id:guid}/sessions/{number:int}", Login, NotFound, NotFound, NotFound, Denied),
        new("POST courses/{id:guid}/sessions/{number:int}/discharge", Login, NotFound, NotFound, NotFound, Denied),
        new("POST courses/{id:guid}/sessions/{number:int}/adverse-events", Login, NotFound, NotFound, NotFound, Denied),
        new("POST courses/{id:guid}/sessions/{number:int}/calls", Login, NotFound, NotFound, NotFound, Denied),
        new("POST courses/{id:guid}/sessions/{number:int}/scan", Login, NotFound, NotFound, NotFound, Denied),
        new("POST courses/{id:guid}/sessions/{number:int}/waive", Login, NotFound, NotFound, NotFound, Denied),
        new("GET courses/{id:guid}/baseline", Login, Denied, Denied, NotFound, Denied),
        new("POST courses/{id:guid}/baseline", Login, Denied, Denied, NotFound, Denied),
        new("GET courses/{id:guid}/sessions/{number:int}/response", Login, Denied, Denied, NotFound, Denied),
        new("POST courses/{id:guid}/sessions/{number:int}/response", Login, Denied, Denied, NotFound, Denied),
        new("POST courses/{id:guid}/state", Login, Denied, Denied, NotFound, Denied),
        new("POST courses/{id:guid}/transplant", Login, NotFound, NotFound, NotFound, Denied),
        new("POST courses/{id:guid}/plan", Login, NotFound, NotFound, NotFound, Denied),
        new("GET courses/follow-up-scans", Login, Ok, Ok, Ok, Denied),
        new("GET courses/calls", Login, Ok, Ok, Ok, Denied),
        new("GET courses/tumour-board", Login, Ok, Ok, Ok, Denied),
        new("GET courses/planned/{referralId:guid}", Login, NotFound, NotFound, NotFound, Denied),
        new("POST courses/planned/{referralId:guid}", Login, NotFound, NotFound, NotFound, Denied),
        new("POST courses/planned/{referralId:guid}/ask", Login, NotFound, NotFound, NotFound, Denied),

        // One patient across referrals: the patient page and linking a referral to a record, for the clinic's staff.
        new("GET patients/{id:guid}", Login, NotFound, NotFound, NotFound, Denied),
        new("POST patients/link", Login, NotFound, NotFound, NotFound, Denied),
        new("POST patients/open", Login, NotFound, NotFound, NotFound, Denied),
        new("GET patients/unlink", Login, NotFound, NotFound, NotFound, Denied),
        new("POST patients/unlink", Login, NotFound, NotFound, NotFound, Denied),

        // Administration.
        new("GET admin/rooms", Login, Ok, Denied, Denied, Denied),
        new("POST admin/rooms", Login, Invalid, Denied, Denied, Denied),
        new("GET admin/integrations", Login, Ok, Denied, Denied, Denied),
        new("POST admin/integrations", Login, Invalid, Denied, Denied, Denied),
        new("POST admin/integrations/{id:guid}/disable", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/integrations/{id:guid}/enable", Login, NotFound, Denied, Denied, Denied),
        new("GET admin/integrations/{id:guid}/key", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/integrations/{id:guid}/key", Login, NotFound, Denied, Denied, Denied),

        // FHIR for hospital systems: a bearer token from the SMART token endpoint or nothing (each scope
        // and client is checked route by route in Scheduling.FhirTests' own matrix); the capability
        // statement and the SMART configuration are public, as SMART requires.
        new("GET fhir/metadata", Ok, Ok, Ok, Ok, Ok),
        new("GET fhir/.well-known/smart-configuration", Ok, Ok, Ok, Ok, Ok),
        new("GET fhir/Questionnaire/{id}", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/Questionnaire", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("ANY fhir/{**rest}", NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST fhir", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/ServiceRequest/{id}", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/ServiceRequest", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/Patient/{id}", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/Patient", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/Task/{id}", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/Task", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("POST fhir/Appointment/$find", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("POST fhir/Appointment/$hold", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("POST fhir/Appointment/$book", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/Appointment/{id}", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET fhir/Appointment", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("POST fhir/Appointment/_search", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("POST admin/rooms/{id:guid}/deactivate", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/rooms/{id:guid}/reactivate", Login, NotFound, Denied, Denied, Denied),
        new("GET admin/room-templates", Login, Ok, Denied, Denied, Denied),
        new("POST admin/room-templates/{roomId:guid}", Login, NotFound, Denied, Denied, Denied),
        // Capacity: the admin's resources and template; time away entered by an admin or the physician themself.
        new("GET admin/capacity", Login, Ok, Denied, Denied, Denied),
        new("POST admin/capacity", Login, Invalid, Denied, Denied, Denied),
        new("POST admin/capacity/requirements", Login, Invalid, Denied, Denied, Denied),
        new("GET admin/capacity/{id:guid}", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/capacity/{id:guid}", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/capacity/{id:guid}/hours", Login, NotFound, Denied, Denied, Denied),
        new("GET my-availability", Login, Ok, Ok, Ok, Denied),
        new("POST capacity/{id:guid}/away", Login, NotFound, NotFound, NotFound, Denied),
        new("POST capacity/away/{awayId:guid}/remove", Login, NotFound, NotFound, NotFound, Denied),
        new("GET admin/closures", Login, Ok, Denied, Denied, Denied),
        new("POST admin/closures", Login, Invalid, Denied, Denied, Denied),
        new("GET admin/closures/{id:guid}", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/closures/{id:guid}/remove", Login, NotFound, Denied, Denied, Denied),
        new("GET admin/templates", Login, Ok, Denied, Denied, Denied),
        new("GET admin/templates/{kind}", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/templates/{kind}", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/templates/{kind}/reset", Login, NotFound, Denied, Denied, Denied),
        new("GET admin/audit", Login, Ok, Denied, Denied, Denied),
        new("GET admin/settings", Login, Ok, Denied, Denied, Denied),
        // No field posted: nothing changes, back to the page.
        new("POST admin/settings", Login, Redirect, Denied, Denied, Denied),
        new("GET admin/users", Login, Ok, Denied, Denied, Denied),
        new("GET admin/users/new", Login, Ok, Denied, Denied, Denied),
        new("POST admin/users/new", Login, Invalid, Denied, Denied, Denied),
        new("GET admin/users/{id:guid}", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/users/{id:guid}/roles", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/users/{id:guid}/deactivate", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/users/{id:guid}/reactivate", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/users/{id:guid}/unlock", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/users/{id:guid}/resend-invitation", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/users/{id:guid}/send-password-reset", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/users/{id:guid}/reset-two-factor", Login, NotFound, Denied, Denied, Denied),
        new("GET admin/access-requests", Login, Ok, Denied, Denied, Denied),
        new("POST admin/access-requests/{id:guid}/approve", Login, NotFound, Denied, Denied, Denied),
        new("POST admin/access-requests/{id:guid}/decline", Login, Invalid, Denied, Denied, Denied),
        new("ENDPOINT hangfire/{**path}", Login, Ok, Denied, Denied, Denied, Url: "/hangfire"),
    ];

    private static readonly string?[] Clients = [null, Roles.Admin, Roles.Scheduler, Roles.Radiologist, Roles.ReferringPhysician];

    public static TheoryData<string> Endpoints => new(Table.Select(r => r.Endpoint));

    [Fact]
    public void EveryEndpoint_HasARowInTheTable()
    {
        var known = Table.Select(r => r.Endpoint).ToHashSet(StringComparer.Ordinal);
        var endpoints = DiscoveredEndpoints();
        var missing = endpoints.Where(e => !known.Contains(e.Key)).ToList();
        var stale = known.Where(k => !endpoints.ContainsKey(k)).ToList();

        var message = new StringBuilder();
        foreach (var (endpoint, action) in missing)
        {
            message.AppendLine($"{action} ({endpoint}) has no row in AuthorizationMatrixTests.Table. Add, with what each client must get:")
                .AppendLine($"    new(\"{endpoint}\", Anonymous, Admin, Scheduler, Radiologist, ReferringPhysician),");
        }

        foreach (var endpoint in stale)
        {
            message.AppendLine($"The row \"{endpoint}\" matches no endpoint of the app any more: remove or correct it.");
        }

        Assert.True(message.Length == 0, message.ToString());
        Assert.Equal(Table.Count, known.Count);
    }

    [Fact]
    public void EveryPublicActionMethod_IsAnEndpointRoutingKnows()
    {
        // Reflection over the assembly, independent of MVC's own discovery: a controller or action MVC
        // would not route (a missing attribute route) must not slip out of the table unnoticed.
        var routed = ActionDescriptors().Select(a => (a.ControllerTypeInfo.AsType(), a.MethodInfo.Name)).ToHashSet();
        var actions = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract && t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetCustomAttribute<NonActionAttribute>() is null)
                .Where(m => m.DeclaringType == t && m.GetBaseDefinition().DeclaringType == t)
                .Select(m => (t, m.Name)))
            .ToList();

        Assert.NotEmpty(actions);
        var unrouted = actions.Where(a => !routed.Contains(a)).Select(a => $"{a.t.Name}.{a.Name}").ToList();
        Assert.True(unrouted.Count == 0, "Public controller methods that are no routed endpoint: " + string.Join(", ", unrouted));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_AnswersEachClientAsTheTableSays(string endpoint)
    {
        var row = Table.Single(r => r.Endpoint == endpoint);
        var problems = new List<string>();
        foreach (var role in Clients)
        {
            var (client, token) = await app.ClientAsync(role, row.FreshSession);
            var actual = await SendAsync(client, row, token);
            if (actual != row.For(role))
            {
                problems.Add($"{role ?? "anonymous"}: expected {row.For(role)}, got {actual}");
            }

            if (row.FreshSession)
            {
                client.Dispose();
            }
        }

        Assert.True(problems.Count == 0, $"{endpoint} ({UrlOf(row)}):\n" + string.Join("\n", problems));
    }

    public static TheoryData<string> PostedEndpoints => new(Table.Where(r => r.Endpoint.StartsWith("POST ", StringComparison.Ordinal)).Select(r => r.Endpoint));

    /// <summary>
    /// A NUL pasted into any field of any form must not make the form unreadable: each client gets what
    /// the table says, as without it (ASP.NET Core's form reader refuses a NUL, inside the antiforgery
    /// check, so every allowed post used to end on a bare 400). ControlCharactersInFormsTests shows the
    /// message next to the field.
    /// </summary>
    [Theory]
    [MemberData(nameof(PostedEndpoints))]
    public async Task PostedForm_WithANulInAField_AnswersEachClientAsTheTableSays(string endpoint)
    {
        var row = Table.Single(r => r.Endpoint == endpoint);
        var problems = new List<string>();
        foreach (var role in Clients)
        {
            var (client, token) = await app.ClientAsync(role, row.FreshSession);
            var actual = await SendAsync(client, row, token, extraField: ("PastedText", "pasted\0text"));
            if (actual != row.For(role))
            {
                problems.Add($"{role ?? "anonymous"}: expected {row.For(role)}, got {actual}");
            }

            if (row.FreshSession)
            {
                client.Dispose();
            }
        }

        Assert.True(problems.Count == 0, $"{endpoint} ({UrlOf(row)}) with a NUL in a field:\n" + string.Join("\n", problems));
    }

    private static async Task<Outcome> SendAsync(BrowserClient client, MatrixRow row, string token, (string Name, string Value)? extraField = null)
    {
        var method = row.Endpoint.Split(' ')[0];
        var url = UrlOf(row);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (extraField is { } extra)
        {
            fields[extra.Name] = extra.Value;
        }

        using var request = method is "POST"
            ? new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) }
            : new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return Classify(response);
    }

    private static Outcome Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is 301 or 302 or 303 or 307 or 308)
        {
            var path = new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath;
            return path switch
            {
                "/account/login" => Login,
                "/account/access-denied" => Denied,
                _ => Redirect,
            };
        }

        return response.StatusCode switch
        {
            HttpStatusCode.OK => Ok,
            HttpStatusCode.Forbidden => Denied,
            HttpStatusCode.NotFound => NotFound,
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => Invalid,
            HttpStatusCode.Unauthorized => Unauthorized,
            _ => throw new Xunit.Sdk.XunitException($"Unexpected {status} from {response.RequestMessage!.Method} {response.RequestMessage.RequestUri}."),
        };
    }

    /// <summary>The template with each parameter given a value that names nothing (a new GUID, an unknown token).</summary>
    private static string UrlOf(MatrixRow row)
    {
        if (row.Url is not null)
        {
            return row.Url;
        }

        var template = row.Endpoint[(row.Endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return "/" + Regex.Replace(template, @"\{([^}:]+)(:[^}]*)?\}", m => m.Groups[2].Value switch
        {
            ":guid" => Guid.NewGuid().ToString(),
            ":int" => "0",
            _ => "no-such-" + m.Groups[1].Value.ToLowerInvariant(),
        });
    }

    /// <summary>"METHOD template" of every endpoint, with the action (or endpoint name) behind it.</summary>
    private Dictionary<string, string> DiscoveredEndpoints()
    {
        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var action in ActionDescriptors())
        {
            var methods = action.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods).ToList() ?? [];
            var template = action.AttributeRouteInfo?.Template
                ?? throw new Xunit.Sdk.XunitException($"{action.DisplayName} has no attribute route.");
            foreach (var method in methods.Count == 0 ? ["ANY"] : methods)
            {
                endpoints[$"{method} {template}"] = $"{action.ControllerTypeInfo.Name}.{action.MethodInfo.Name}";
            }
        }

        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // Conventional routes with no action behind them exist only for link generation and match nothing.
            if (endpoint.Metadata.GetMetadata<ActionDescriptor>() is null
                && endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>() is not { SuppressMatching: true })
            {
                endpoints[$"ENDPOINT {endpoint.RoutePattern.RawText?.TrimStart('/')}"] = endpoint.DisplayName ?? "endpoint";
            }
        }

        return endpoints;
    }

    private IEnumerable<ControllerActionDescriptor> ActionDescriptors() =>
        app.Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>();
}
