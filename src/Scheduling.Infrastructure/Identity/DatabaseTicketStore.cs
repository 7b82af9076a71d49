using System.Security.Claims;
using System.Security.Cryptography;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Accounts;
using Scheduling.Domain.Audit;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Identity;

/// <summary>
/// Server-side sessions: the sign-in cookie carries only a random key, the sign-in lives in
/// <see cref="UserSession"/> rows. Chosen over security-stamp validation on every request because it
/// also gives each user the list of their sessions, lets one session be ended without ending the
/// others, and makes sign-out final on every instance (the row is ended, a copied cookie finds
/// nothing). Each request costs one unique-index seek on the key hash joined to the user's primary
/// key, which is also where a deactivated account or a changed security stamp is refused at once;
/// the last-seen time is written at most once a minute per session.
/// </summary>
public sealed partial class DatabaseTicketStore(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<IdentityOptions> identityOptions,
    SecurityOptions security,
    ILogger<DatabaseTicketStore> logger) : ITicketStore
{
    private const string CurrentSessionItem = "tace.session-id";

    /// <summary>The id of the session the current request is signed in with (set when the cookie was read).</summary>
    public static Guid? CurrentSessionId(HttpContext context) =>
        context.Items.TryGetValue(CurrentSessionItem, out var value) && value is Guid id ? id : null;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = Now;
        var session = UserSession.Start(
            Hash(key),
            UserIdOf(ticket),
            StampOf(ticket),
            TicketSerializer.Default.Serialize(ticket),
            now,
            IdleExpiry(ticket, now),
            security.AbsoluteLifetime,
            httpContext?.Connection.RemoteIpAddress?.ToString(),
            DeviceSummary.From(httpContext?.Request.Headers.UserAgent.ToString()));

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(CancellationToken.None);
        httpContext?.Items[CurrentSessionItem] = session.Id;
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var hash = Hash(key);
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.KeyHash == hash, CancellationToken.None);
        if (session is null || session.EndedAtUtc is not null)
        {
            // Never revive an ended session: the cookie stays pointing at nothing.
            return;
        }

        var now = Now;
        if (!string.Equals(session.UserId, UserIdOf(ticket), StringComparison.Ordinal))
        {
            // Someone signed in as another user in a browser still holding a live session. Reusing the
            // key would hand the new sign-in to every copy of the old cookie, so the session ends and
            // the new user is asked to sign in again (fail closed).
            session.End(now, SessionEndReasons.ReplacedByOtherUser);
            AddAudit(db, session, ticket.Principal.Identity?.Name, SessionEndReasons.ReplacedByOtherUser, httpContext);
            await db.SaveChangesAsync(CancellationToken.None);
            LogReplaced(logger, session.Id);
            return;
        }

        session.Renew(TicketSerializer.Default.Serialize(ticket), StampOf(ticket), now, IdleExpiry(ticket, now));
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var hash = Hash(key);
        var found = await (
                from s in db.UserSessions.AsNoTracking()
                join u in db.Users on s.UserId equals u.Id
                where s.KeyHash == hash
                select new { Session = s, u.SecurityStamp, u.DeactivatedAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var session = found.Session;
        var now = Now;
        var ticket = TicketSerializer.Default.Deserialize(session.Ticket);
        var refusal = session.RefusalReason(now, found.SecurityStamp, found.DeactivatedAtUtc is not null);
        if (refusal is not null)
        {
            if (session.EndedAtUtc is null)
            {
                db.UserSessions.Attach(session);
                session.End(now, refusal);
                AddAudit(db, session, ticket?.Principal.Identity?.Name, refusal, httpContext);
                await db.SaveChangesAsync(CancellationToken.None);
            }

            return null;
        }

        if (session.IsLastSeenStale(now))
        {
            await db.UserSessions.Where(s => s.Id == session.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, now), CancellationToken.None);
        }

        httpContext?.Items[CurrentSessionItem] = session.Id;
        return ticket;
    }

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var hash = Hash(key);
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.KeyHash == hash, CancellationToken.None);
        if (session is null)
        {
            return;
        }

        var now = Now;
        var reason = now >= session.IdleExpiresAtUtc ? SessionEndReasons.IdleTimeout : SessionEndReasons.SignedOut;
        if (session.End(now, reason))
        {
            var name = TicketSerializer.Default.Deserialize(session.Ticket)?.Principal.Identity?.Name;
            AddAudit(db, session, name, reason, httpContext);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>Only this digest is stored, so the table alone cannot be turned into cookies.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateTime IdleExpiry(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + security.IdleTimeout;

    private static string UserIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("A sign-in without a user id cannot be stored.");

    private string? StampOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);

    private void AddAudit(ApplicationDbContext db, UserSession session, string? userName, string reason, HttpContext? httpContext) =>
        db.AuditEntries.Add(AuditEntry.Record(
            Now,
            session.UserId,
            userName,
            "SessionEnded",
            nameof(UserSession),
            session.Id.ToString(),
            "Reason: " + reason,
            httpContext?.Connection.RemoteIpAddress?.ToString()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} ended: another user signed in over it.")]
    private static partial void LogReplaced(ILogger logger, Guid sessionId);
}
