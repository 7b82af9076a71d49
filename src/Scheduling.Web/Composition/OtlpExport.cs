using System.Diagnostics.Tracing;

using OpenTelemetry.Exporter;

namespace Scheduling.Web.Composition;

/// <summary>
/// The standard OpenTelemetry variables the app reads itself: OTEL_EXPORTER_OTLP_ENDPOINT (export is on
/// only when it is set), OTEL_EXPORTER_OTLP_PROTOCOL ("grpc", the default, usually port 4317, or
/// "http/protobuf", usually port 4318) and OTEL_SERVICE_NAME. Checked at start-up like every setting.
/// </summary>
public sealed record OtlpExport(Uri Endpoint, OtlpProtocol Protocol, string ServiceName)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string DefaultServiceName = "tace-scheduling";

    /// <summary>The export configured, or null when OTEL_EXPORTER_OTLP_ENDPOINT is not set (or invalid: see <see cref="Problems"/>).</summary>
    public static OtlpExport? From(IConfiguration configuration)
    {
        if (Problems(configuration).Count > 0 || configuration[EndpointKey] is not { Length: > 0 } endpoint)
        {
            return null;
        }

        var protocol = configuration[ProtocolKey] is "http/protobuf" ? OtlpProtocol.HttpProtobuf : OtlpProtocol.Grpc;
        return new OtlpExport(new Uri(endpoint.Trim()), protocol, configuration[ServiceNameKey] is { Length: > 0 } name ? name : DefaultServiceName);
    }

    /// <summary>
    /// One signal's exporter: gRPC sends every signal to the endpoint itself; http/protobuf posts each to
    /// its own path under it (/v1/traces, /v1/metrics, /v1/logs), as the OpenTelemetry specification says.
    /// </summary>
    public void Configure(OtlpExporterOptions options, string signalPath)
    {
        options.Protocol = Protocol == OtlpProtocol.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        options.Endpoint = Protocol == OtlpProtocol.HttpProtobuf
            ? new Uri(new Uri(Endpoint.ToString().TrimEnd('/') + "/"), signalPath)
            : Endpoint;
    }

    public override string ToString() => $"{Endpoint} over {(Protocol == OtlpProtocol.HttpProtobuf ? "http/protobuf" : "grpc")}";

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (configuration[EndpointKey] is { Length: > 0 } endpoint
            && !(Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add($"{EndpointKey} must be an absolute http(s) URL such as http://collector:4317 (is '{endpoint}').");
        }

        if (configuration[ProtocolKey] is { Length: > 0 } protocol && protocol is not ("grpc" or "http/protobuf"))
        {
            problems.Add($"{ProtocolKey} must be grpc or http/protobuf (is '{protocol}').");
        }

        return problems;
    }
}

public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
}

/// <summary>
/// Says at start where telemetry goes, and logs the exporter's own failures (which the OpenTelemetry
/// SDK reports only as events), at most once a minute: a collector that receives nothing, because it
/// speaks the other protocol or is not there, shows in the app's log instead of nowhere.
/// </summary>
public sealed partial class OtlpExportReport(ILogger<OtlpExportReport> logger, IConfiguration configuration, TimeProvider clock) : EventListener, IHostedService
{
    private long _lastReportTicks;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (OtlpExport.From(configuration) is { } otlp)
        {
            LogExporting(logger, otlp);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name.StartsWith("OpenTelemetry-Exporter-OpenTelemetryProtocol", StringComparison.Ordinal))
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastReportTicks);
        if (now - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastReportTicks, now, last) != last)
        {
            return;
        }

        var message = eventData.Message is { Length: > 0 } format && eventData.Payload is { } payload
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, format, [.. payload])
            : eventData.EventName ?? "unknown";
        LogExportFailed(logger, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exporting traces, metrics and logs over OTLP to {Destination}.")]
    private static partial void LogExporting(ILogger logger, OtlpExport destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OTLP export failed (reported at most once a minute): {Failure}")]
    private static partial void LogExportFailed(ILogger logger, string failure);
}
