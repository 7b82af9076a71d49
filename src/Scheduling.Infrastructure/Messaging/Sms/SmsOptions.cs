using System.Globalization;

using Scheduling.Domain.Messaging;

namespace Scheduling.Infrastructure.Messaging.Sms;

public enum SmsProvider
{
    /// <summary>No texts: none is queued, and the referral form still records consent for later.</summary>
    None,

    /// <summary>Twilio's REST API, or any provider that speaks it (base URL and credentials below).</summary>
    Twilio,

    /// <summary>Development only: the app starts <see cref="FakeSmsGateway"/> on loopback and sends to it.</summary>
    FakeGateway,
}

/// <summary>
/// Configuration section "Sms": the text provider and the quiet hours. The provider speaks Twilio's
/// Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic with the account
/// and its auth token), signs its webhooks with X-Twilio-Signature, and the credentials are checked
/// against it when the app starts.
/// </summary>
public sealed class SmsOptions
{
    public const string SectionName = "Sms";

    public const string TwilioBaseUrl = "https://api.twilio.com";

    public SmsProvider Provider { get; set; } = SmsProvider.None;

    /// <summary>Scheme and host of the provider's REST API.</summary>
    public string BaseUrl { get; set; } = TwilioBaseUrl;

    public string? AccountSid { get; set; }

    /// <summary>Also the key the provider signs its webhooks with.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sending number (E.164), unless <see cref="MessagingServiceSid"/> is set.</summary>
    public string? From { get; set; }

    public string? MessagingServiceSid { get; set; }

    /// <summary>Clinic time "HH:mm"; no text is sent from then ...</summary>
    public string QuietHoursStart { get; set; } = "21:00";

    /// <summary>... until then (the next morning when it is earlier than the start).</summary>
    public string QuietHoursEnd { get; set; } = "08:00";

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>FakeGateway: the loopback port it listens on (0: any free port).</summary>
    public int FakeGatewayPort { get; set; }

    public bool Enabled => Provider != SmsProvider.None;

    /// <summary>The account the app uses: the configured one, or the fake gateway's fixed development account.</summary>
    public string AccountSidInUse => AccountSid ?? (Provider == SmsProvider.FakeGateway ? "AC00000000000000000000000000fake" : string.Empty);

    /// <summary>The token requests are sent and webhooks checked with (the fake gateway's needs no secret).</summary>
    public string AuthTokenInUse => AuthToken ?? (Provider == SmsProvider.FakeGateway ? "fake-gateway-development-auth-token" : string.Empty);

    public string FromInUse => From ?? (Provider == SmsProvider.FakeGateway ? "+15550100999" : string.Empty);

    public TextingPolicy ToPolicy() => new(Enabled, Clock(QuietHoursStart), Clock(QuietHoursEnd));

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Provider))
        {
            problems.Add("Sms:Provider must be None, Twilio or FakeGateway.");
        }

        if (!TryClock(QuietHoursStart, out _))
        {
            problems.Add($"Sms:QuietHoursStart must be a clinic time like 21:00 (is '{QuietHoursStart}').");
        }

        if (!TryClock(QuietHoursEnd, out _))
        {
            problems.Add($"Sms:QuietHoursEnd must be a clinic time like 08:00 (is '{QuietHoursEnd}').");
        }

        if (TimeoutSeconds is < 1 or > 120)
        {
            problems.Add($"Sms:TimeoutSeconds must be between 1 and 120 (is {TimeoutSeconds}).");
        }

        if (FakeGatewayPort is < 0 or > 65535)
        {
            problems.Add($"Sms:FakeGatewayPort must be between 0 and 65535 (is {FakeGatewayPort}).");
        }

        if (Provider != SmsProvider.Twilio)
        {
            return problems;
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Sms:BaseUrl must be an absolute http(s) URL, like https://api.twilio.com.");
        }

        if (string.IsNullOrWhiteSpace(AccountSid) || AccountSid.Any(char.IsWhiteSpace) || AccountSid.Length > 64)
        {
            problems.Add("Sms:AccountSid must be set (the provider's account id, without spaces).");
        }

        if (string.IsNullOrWhiteSpace(AuthToken) || AuthToken.Length < 16)
        {
            problems.Add("Sms:AuthToken must be set (at least 16 characters; it also signs the provider's webhooks).");
        }

        if (string.IsNullOrWhiteSpace(MessagingServiceSid) && (From?.Trim().StartsWith('+') != true || MobileNumbers.Normalize(From) is null))
        {
            problems.Add("Sms:From must be the sending number in international form (+16175550100), or set Sms:MessagingServiceSid.");
        }

        return problems;
    }

    private static TimeOnly Clock(string value) => TryClock(value, out var time) ? time : throw new FormatException($"'{value}' is not a time like 21:00.");

    private static bool TryClock(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
