using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Accounts;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// The one way account links are made, sent and opened. A link is queued as an outbox row whose
/// subject is the link's id; its token is minted by <see cref="AccountMessageComposer"/> when the
/// email is composed, so the token is never stored, never in a job argument and never in a log.
/// </summary>
public static class AccountLinks
{
    public const string PathPrefix = "/account/link/";

    /// <summary>Revokes the account's open links of this purpose and queues a new one by email.</summary>
    public static async Task<AccountLink> QueueAsync(
        IApplicationDbContext db, IOutbox outbox, string userId, AccountLinkPurpose purpose, string messageKind,
        TimeSpan lifetime, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await RevokeOpenAsync(db, userId, purpose, nowUtc, cancellationToken);
        var link = AccountLink.Create(userId, purpose, nowUtc, lifetime);
        db.AccountLinks.Add(link);
        outbox.Enqueue(messageKind, link.Id, 0);
        return link;
    }

    /// <summary>For the console (create-admin): the token is handed back to print, never emailed or stored.</summary>
    public static async Task<(AccountLink Link, string Token)> IssueNowAsync(
        IApplicationDbContext db, string userId, AccountLinkPurpose purpose, TimeSpan lifetime, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await RevokeOpenAsync(db, userId, purpose, nowUtc, cancellationToken);
        var link = AccountLink.Create(userId, purpose, nowUtc, lifetime);
        var (token, hash) = PatientLinkTokens.NewToken();
        link.IssueToken(hash);
        db.AccountLinks.Add(link);
        return (link, token);
    }

    public static async Task RevokeOpenAsync(IApplicationDbContext db, string userId, AccountLinkPurpose? purpose, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var open = await db.AccountLinks
            .Where(l => l.UserId == userId && (purpose == null || l.Purpose == purpose) && l.UsedAtUtc == null && l.RevokedAtUtc == null)
            .ToListAsync(cancellationToken);
        foreach (var link in open)
        {
            link.Revoke(nowUtc);
        }
    }

    /// <summary>The link behind a token if it can still be used; every refusal looks the same.</summary>
    public static async Task<AccountLink?> OpenAsync(IApplicationDbContext db, string? token, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (PatientLinkTokens.HashOf(token) is not { } hash)
        {
            return null;
        }

        var link = await db.AccountLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link is not null && link.IsUsable(nowUtc) ? link : null;
    }

    public static string Url(ClinicOptions clinic, string token) => clinic.PublicUrl(PathPrefix + token);

    /// <summary>When an emailed link stops working: "Wednesday, December 2, 2026 at 7:30 AM EST", in the clinic's culture and clock style.</summary>
    public static string ExpiryText(ClinicTime clinicTime, DateTime expiresAtUtc)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        return $"{ClinicFormats.PatientDate(clinicTime.ToLocal(expiresAtUtc))} at {ClinicTimeLabel.Time(clinicTime, expiresAtUtc)}";
    }

    /// <summary>Audit lines name accounts by their id (a GUID string in Identity).</summary>
    public static Guid? AuditId(string? userId) => Guid.TryParse(userId, out var id) ? id : null;
}
