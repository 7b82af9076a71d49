using Microsoft.Extensions.Options;

using Scheduling.Infrastructure.Messaging.Sms;

namespace Scheduling.Web.Composition;

/// <summary>
/// At start, before any page is served: the text provider must accept the configured credentials
/// (Sms:AccountSid, Sms:AuthToken), or the app stops with one line saying so, as for any bad setting.
/// A provider that cannot be reached at that moment does not stop the app: texts wait in the outbox
/// and are retried, and a warning is logged.
/// </summary>
public static partial class TextProviderCheck
{
    public static async Task<string?> ProblemAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<IOptions<SmsOptions>>().Value;
        if (!settings.Enabled)
        {
            return null;
        }

        var endpoint = services.GetRequiredService<SmsEndpoint>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Min(settings.TimeoutSeconds, 15)) };
        try
        {
            return await TwilioTextMessageSender.CredentialsProblemAsync(http, endpoint.BaseUrl, settings, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            LogUnreachable(services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(TextProviderCheck)), endpoint.BaseUrl, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The text provider at {BaseUrl} could not be reached at start ({ErrorType}); texts wait in the outbox until it answers")]
    private static partial void LogUnreachable(ILogger logger, Uri baseUrl, string errorType);
}
