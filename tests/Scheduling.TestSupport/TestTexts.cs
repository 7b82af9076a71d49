using Scheduling.Infrastructure.Messaging.Sms;

namespace Scheduling.TestSupport;

/// <summary>
/// The fake text provider the tests start on loopback (<see cref="FakeSmsGateway"/>), and the settings
/// that point the app at it as at Twilio: the real REST client, credentials and webhook signatures.
/// </summary>
public static class TestTexts
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    public const string AuthToken = "test-auth-token-0123456789abcdef";

    public const string ClinicNumber = "+16175550100";

    /// <summary>Patients' mobile numbers (fictional 555-01xx range).</summary>
    public const string SpanishPatientMobile = "+16175550123";

    public const string EnglishPatientMobile = "+16175550124";

    public static Task<FakeSmsGateway> StartGatewayAsync() => FakeSmsGateway.StartAsync(AccountSid, AuthToken, ClinicNumber);

    public static IReadOnlyDictionary<string, string?> Settings(FakeSmsGateway gateway, string? authToken = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return new Dictionary<string, string?>
        {
            ["Sms:Provider"] = nameof(SmsProvider.Twilio),
            ["Sms:BaseUrl"] = gateway.BaseUrl.ToString(),
            ["Sms:AccountSid"] = AccountSid,
            ["Sms:AuthToken"] = authToken ?? AuthToken,
            ["Sms:From"] = ClinicNumber,
        };
    }

    /// <summary>Waits until at least <paramref name="count"/> texts arrived at the gateway.</summary>
    public static async Task<IReadOnlyList<FakeText>> WaitForTextsAsync(this FakeSmsGateway gateway, int count, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (gateway.Texts.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return gateway.Texts;
    }
}
