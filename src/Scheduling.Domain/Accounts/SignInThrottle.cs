namespace Scheduling.Domain.Accounts;

/// <summary>
/// How many password guesses the sign-in page allows, and to whom. A stranger must not be able to
/// lock a person out, yet the guesses against one account must stay bounded. So nothing locks the
/// account itself; instead:
/// <list type="bullet">
/// <item>Each client (a device the person signed in from before, otherwise the network address) gets
/// <see cref="MostFailuresPerClient"/> wrong passwords per email in <see cref="ClientWindow"/>. Past
/// that, that client (and only that client) is refused for that email, the right password included,
/// until the oldest failure leaves the window. The person at their own computer or another address
/// is not affected.</item>
/// <item>All clients that are not one of the person's known devices share
/// <see cref="MostFailuresFromNewDevicesPerDay"/> wrong passwords per email in <see cref="DayWindow"/>:
/// an attacker with any number of addresses gets at most that many guesses a day. Past that, sign-in
/// from new devices is paused for the email; the person's known devices still sign in, and a password
/// reset by email (proof of the mailbox) lifts the pause.</item>
/// </list>
/// The rule is keyed by the email as typed (normalised), not by the account, so an email with no
/// account behaves exactly like one with an account: the answers never tell which emails exist.
/// </summary>
public static class SignInThrottle
{
    public const int MostFailuresPerClient = 5;

    public static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(15);

    public const int MostFailuresFromNewDevicesPerDay = 100;

    public static readonly TimeSpan DayWindow = TimeSpan.FromHours(24);

    /// <summary>How long a device stays known after its last completed sign-in.</summary>
    public static readonly TimeSpan KnownDeviceLifetime = TimeSpan.FromDays(365);

    /// <summary>
    /// Judges an attempt whose own row is already counted (rows are written before they are counted, so
    /// two attempts at the same moment cannot both slip under a limit): the attempt may check the password
    /// only if it is within both limits.
    /// </summary>
    /// <param name="fromThisClient">Times of the counted attempts from this client for this email in <see cref="ClientWindow"/>, this one included.</param>
    /// <param name="fromNewDevices">Times of the counted attempts from clients that are not known devices in <see cref="DayWindow"/> (this one included if it is from a new device).</param>
    /// <param name="knownDevice">Whether this attempt comes from one of the person's known devices.</param>
    public static SignInVerdict Judge(IReadOnlyCollection<DateTime> fromThisClient, IReadOnlyCollection<DateTime> fromNewDevices, bool knownDevice)
    {
        ArgumentNullException.ThrowIfNull(fromThisClient);
        ArgumentNullException.ThrowIfNull(fromNewDevices);
        if (fromThisClient.Count > MostFailuresPerClient)
        {
            // The attempts that used up the allowance: the client may try again when the oldest of the
            // last few leaves the window.
            var oldestThatCounts = fromThisClient.OrderDescending().Skip(MostFailuresPerClient).First();
            return SignInVerdict.ClientPaused(oldestThatCounts + ClientWindow);
        }

        if (!knownDevice && fromNewDevices.Count > MostFailuresFromNewDevicesPerDay)
        {
            var oldestThatCounts = fromNewDevices.OrderDescending().Skip(MostFailuresFromNewDevicesPerDay).First();
            return SignInVerdict.NewDevicesPaused(oldestThatCounts + DayWindow);
        }

        return SignInVerdict.Allowed;
    }
}

public enum SignInPause
{
    None,

    /// <summary>This client has used its few wrong passwords for this email; others are not affected.</summary>
    ThisClient,

    /// <summary>New devices have used the day's wrong passwords for this email; known devices still sign in.</summary>
    NewDevices,
}

public sealed record SignInVerdict(SignInPause Pause, DateTime? UntilUtc)
{
    public static readonly SignInVerdict Allowed = new(SignInPause.None, null);

    public bool MayCheckPassword => Pause == SignInPause.None;

    public static SignInVerdict ClientPaused(DateTime untilUtc) => new(SignInPause.ThisClient, untilUtc);

    public static SignInVerdict NewDevicesPaused(DateTime untilUtc) => new(SignInPause.NewDevices, untilUtc);
}

/// <summary>
/// One password attempt at the sign-in page, written before the password is checked. It stays as a
/// failure unless the password turns out right or the attempt was refused unchecked (then it is
/// removed). Keys are SHA-256 hashes: the table holds neither emails nor addresses nor device ids.
/// </summary>
public sealed class SignInAttempt
{
    public const int KeyLength = 32;

    private SignInAttempt()
    {
        EmailKey = ClientKey = [];
    }

    public long Id { get; private set; }

    public byte[] EmailKey { get; private set; }

    public byte[] ClientKey { get; private set; }

    public bool FromKnownDevice { get; private set; }

    public DateTime AtUtc { get; private set; }

    public static SignInAttempt Start(byte[] emailKey, byte[] clientKey, bool fromKnownDevice, DateTime atUtc) =>
        new() { EmailKey = emailKey, ClientKey = clientKey, FromKnownDevice = fromKnownDevice, AtUtc = atUtc };
}

/// <summary>
/// A browser that completed a sign-in (second factor included) for an email: it carries a random
/// device id in a long-lived cookie; the row holds only the id's hash.
/// </summary>
public sealed class KnownDevice
{
    private KnownDevice()
    {
        EmailKey = DeviceKey = [];
    }

    public long Id { get; private set; }

    public byte[] EmailKey { get; private set; }

    public byte[] DeviceKey { get; private set; }

    public DateTime LastSignInAtUtc { get; private set; }

    public static KnownDevice Remember(byte[] emailKey, byte[] deviceKey, DateTime atUtc) =>
        new() { EmailKey = emailKey, DeviceKey = deviceKey, LastSignInAtUtc = atUtc };

    public void SignedInAgain(DateTime atUtc) => LastSignInAtUtc = atUtc;
}
