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
