using System.Collections.Concurrent;
using System.Net;
using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// An OpenTelemetry collector on loopback that keeps every export's raw bytes. http/protobuf is a POST
/// of the protobuf message to /v1/traces, /v1/metrics or /v1/logs over HTTP/1.1; gRPC is HTTP/2 without
/// TLS, a POST to /opentelemetry.proto.collector.{signal}.v1.{Signal}Service/Export whose body is
/// 5-byte-prefixed messages, answered with an empty message and grpc-status 0. Protobuf strings are
/// UTF-8, so a test can search the raw bytes for text.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string ContentType, byte[] Body)> _exports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<(string Path, string ContentType, byte[] Body)> Exports => [.. _exports];

    /// <summary>
    /// The exports to one signal ("traces", "logs", "metrics") as received, whichever protocol carried them
    /// (gRPC names the traces service in the singular: opentelemetry.proto.collector.trace.v1.TraceService).
    /// </summary>
    public IReadOnlyList<byte[]> Of(string signal)
    {
        var service = signal == "traces" ? "trace" : signal;
        return [.. _exports.Where(e => e.Path == $"/v1/{signal}" || e.Path.StartsWith($"/opentelemetry.proto.collector.{service}.v1.", StringComparison.Ordinal)).Select(e => e.Body)];
    }

    public static async Task<OtlpReceiver> StartAsync(string protocol)
    {
        var grpc = protocol == "grpc";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver._exports.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.ContentType ?? string.Empty, body.ToArray()));
            if (grpc)
            {
                context.Response.ContentType = "application/grpc";
                await context.Response.Body.WriteAsync(new byte[5], context.RequestAborted);
                context.Response.AppendTrailer("grpc-status", "0");
            }
            else
            {
                context.Response.ContentType = "application/x-protobuf";
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return receiver;
    }

    /// <summary>Whether any export holds this text (UTF-8, as protobuf stores strings).</summary>
    public bool AnyExportContains(string text) => _exports.Any(e => Contains(e.Body, text));

    public static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
        || (text.Any(char.IsLetter) && body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text.ToUpperInvariant())) >= 0)
        || (text.Any(char.IsLetter) && body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text.ToLowerInvariant())) >= 0);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
