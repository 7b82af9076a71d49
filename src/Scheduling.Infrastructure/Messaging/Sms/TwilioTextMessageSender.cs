using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using Microsoft.Extensions.Options;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Messaging;

namespace Scheduling.Infrastructure.Messaging.Sms;

/// <summary>Where the provider's API is: the configured base URL, or the fake gateway's loopback address in Development.</summary>
public sealed class SmsEndpoint(Func<Uri> baseUrl)
{
    public Uri BaseUrl => baseUrl();
}

/// <summary>
/// Sends texts through Twilio's Messages API (or a provider that speaks it). Each text asks for
/// delivery receipts at the app's public /sms/status/{outbox id}. A refusal the provider calls final
/// (an invalid or landline number, a number that replied STOP to the provider) is not retried.
/// </summary>
public sealed class TwilioTextMessageSender(HttpClient http, SmsEndpoint endpoint, IOptions<SmsOptions> options, ClinicOptions clinic) : ITextMessageSender
{
    /// <summary>Twilio: "Attempt to send to unsubscribed recipient".</summary>
    public const string UnsubscribedRecipient = "21610";

    public async Task<string> SendAsync(TextMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var form = new Dictionary<string, string>
        {
            ["To"] = message.ToNumber,
            ["Body"] = message.Body,
            ["StatusCallback"] = StatusCallbackUrl(clinic, message.OutboxMessageId),
        };
        if (!string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
        {
            form["MessagingServiceSid"] = settings.MessagingServiceSid;
        }
        else
        {
            form["From"] = settings.FromInUse;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseUrl, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSidInUse)}/Messages.json"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = Basic(settings);
        using var response = await http.SendAsync(request, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return ReadString(json, "sid") ?? throw new TextRefusedException("no-sid", permanent: false);
        }

        var code = ReadString(json, "code") ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

        // 400 is the provider saying this message can never go (bad number, opted out); 401/403 (our
        // credentials), 429 and 5xx may pass on a later try.
        var permanent = response.StatusCode == HttpStatusCode.BadRequest;
        throw new TextRefusedException(code, permanent, recipientOptedOut: code == UnsubscribedRecipient);
    }

    /// <summary>Where the provider posts a text's delivery receipts (signed like every webhook).</summary>
    public static string StatusCallbackUrl(ClinicOptions clinic, Guid outboxMessageId)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        return clinic.PublicUrl($"/sms/status/{outboxMessageId:N}");
    }

    /// <summary>
    /// Asks the provider for the account itself: the start-up check that the credentials work. Null
    /// when they do; a line naming the keys when the provider refuses them. A provider that cannot be
    /// reached does not stop the app (texts wait in the outbox), so that is not reported as a refusal.
    /// </summary>
    public static async Task<string?> CredentialsProblemAsync(HttpClient http, Uri baseUrl, SmsOptions settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSidInUse)}.json"));
        request.Headers.Authorization = Basic(settings);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            ? $"Sms:AccountSid and Sms:AuthToken were refused by the text provider at {baseUrl} (HTTP {(int)response.StatusCode}); check them."
            : null;
    }

    private static AuthenticationHeaderValue Basic(SmsOptions settings) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSidInUse}:{settings.AuthTokenInUse}")));

    private static string? ReadString(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(property, out var value)
                ? value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
