using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Identity;

/// <summary>The client a password attempt comes from: its device id (from the device cookie, if any) and network address.</summary>
public sealed record SignInClient(string? DeviceId, IPAddress? Address);

/// <summary>An attempt written and judged; <see cref="Verdict"/> says whether the password may be checked.</summary>
public sealed record SignInAttemptTicket(long Id, byte[] EmailKey, byte[] ClientKey, SignInVerdict Verdict);

/// <summary>
/// Stores and counts password attempts for <see cref="SignInThrottle"/>, and remembers the devices
/// a person completed a sign-in from. Every attempt row is written (and committed) before it is
/// counted, so attempts that arrive at the same moment, on one instance or several, cannot all slip
/// under a limit: the k-th attempt to commit sees at least k rows.
/// </summary>
public sealed class SignInAttempts(ApplicationDbContext db, IDatabaseErrors errors, TimeProvider clock)
{
    /// <summary>IPv6 clients are counted by their /64: one machine or home network gets a whole /64 to rotate through.</summary>
    private const int Ipv6PrefixBytes = 8;

    public async Task<SignInAttemptTicket> BeginAsync(string email, SignInClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.GetUtcNow().UtcDateTime;
        var emailKey = EmailKey(email);
        var deviceKey = client.DeviceId is { Length: > 0 } id ? Hash("device", id) : null;
        var knownSince = now - SignInThrottle.KnownDeviceLifetime;
        var known = deviceKey is not null
            && await db.KnownDevices.AnyAsync(d => d.EmailKey == emailKey && d.DeviceKey == deviceKey && d.LastSignInAtUtc > knownSince, cancellationToken);
        var clientKey = known ? deviceKey! : AddressKey(client.Address);

        var attempt = SignInAttempt.Start(emailKey, clientKey, known, now);
        db.SignInAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(attempt).State = EntityState.Detached;

        // A failure exactly a window old has left it: the verdict's "until" is the first moment allowed.
        var clientSince = now - SignInThrottle.ClientWindow;
        var fromThisClient = await db.SignInAttempts.AsNoTracking()
            .Where(a => a.EmailKey == emailKey && a.ClientKey == clientKey && a.AtUtc > clientSince)
            .Select(a => a.AtUtc).ToListAsync(cancellationToken);
        var daySince = now - SignInThrottle.DayWindow;
        List<DateTime> fromNewDevices = known ? [] : await db.SignInAttempts.AsNoTracking()
            .Where(a => a.EmailKey == emailKey && !a.FromKnownDevice && a.AtUtc > daySince)
            .Select(a => a.AtUtc).ToListAsync(cancellationToken);

        var verdict = SignInThrottle.Judge(fromThisClient, fromNewDevices, known);
        if (!verdict.MayCheckPassword)
        {
            // Refused unchecked: not a guess, so it does not count.
            await db.SignInAttempts.Where(a => a.Id == attempt.Id).ExecuteDeleteAsync(cancellationToken);
        }

        return new SignInAttemptTicket(attempt.Id, emailKey, clientKey, verdict);
    }

    /// <summary>The password was right: this attempt and this client's failures for the email no longer count.</summary>
    public Task PasswordAcceptedAsync(SignInAttemptTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return db.SignInAttempts
            .Where(a => a.EmailKey == ticket.EmailKey && a.ClientKey == ticket.ClientKey)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The attempt was not a guess after all (the account is locked for its second step): it does not count.</summary>
    public Task NotCheckedAsync(SignInAttemptTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return db.SignInAttempts.Where(a => a.Id == ticket.Id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A wrong password: its row stays. Rows older than a day count for nothing and go.</summary>
    public Task FailedAsync(CancellationToken cancellationToken)
    {
        var daySince = clock.GetUtcNow().UtcDateTime - SignInThrottle.DayWindow;
        return db.SignInAttempts.Where(a => a.AtUtc < daySince).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// A completed sign-in (second factor included): the browser becomes, or stays, a known device for
    /// the email. Returns the device id its cookie must carry (a new one when it had none).
    /// </summary>
    public async Task<string> RememberDeviceAsync(string email, string? deviceId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var id = deviceId is { Length: > 0 } ? deviceId : Base64Url(RandomNumberGenerator.GetBytes(32));
        var emailKey = EmailKey(email);
        var deviceKey = Hash("device", id);
        var updated = await db.KnownDevices.Where(d => d.EmailKey == emailKey && d.DeviceKey == deviceKey)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LastSignInAtUtc, now), cancellationToken);
        if (updated == 0)
        {
            var device = KnownDevice.Remember(emailKey, deviceKey, now);
            db.KnownDevices.Add(device);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (errors.IsUniqueViolation(exception))
            {
                // The same browser completed two sign-ins at once; the other one remembered it.
            }
            finally
            {
                db.Entry(device).State = EntityState.Detached;
            }
        }

        return id;
    }

    /// <summary>
    /// The person proved they hold the mailbox (a password set from an emailed link) or an administrator
    /// opened the account: every failure counted against the email is forgotten, the pause for new devices included.
    /// </summary>
    public Task ForgetFailuresAsync(string email, CancellationToken cancellationToken)
    {
        var emailKey = EmailKey(email);
        return db.SignInAttempts.Where(a => a.EmailKey == emailKey).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>How the email is counted: as Identity compares it (trimmed, upper case), hashed.</summary>
    public static byte[] EmailKey(string email) => Hash("email", (email ?? string.Empty).Trim().ToUpperInvariant());

    public static byte[] AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return Hash("address", "unknown");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var prefix = address.GetAddressBytes()[..Ipv6PrefixBytes];
            return Hash("address", Convert.ToHexString(prefix) + "::/64");
        }

        return Hash("address", address.ToString());
    }

    private static byte[] Hash(string kind, string value) => SHA256.HashData(Encoding.UTF8.GetBytes($"tace-sign-in:{kind}:{value}"));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
