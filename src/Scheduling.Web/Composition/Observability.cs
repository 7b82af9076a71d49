using System.Diagnostics;

using Hangfire;

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Composition;

/// <summary>
/// Logs that can be traced and health that a load balancer and an operator can read.
/// Every log line written while serving a request carries the request's W3C trace id (the logging
/// scope of the request's Activity); the error page shows that same id. JSON console logs are
/// configuration only (Logging:Console:FormatterName=json). OpenTelemetry traces and metrics are
/// exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class Observability
{
    public const string ReadyTag = "ready";

    /// <summary>A due outbox message older than this means mail is not going out.</summary>
    public static readonly TimeSpan OutboxBacklogLimit = TimeSpan.FromMinutes(15);

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        builder.Services.AddSingleton<DatabaseProbeCache>();
        var health = builder.Services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag], timeout: DatabaseCheck.Timeout)
            .AddCheck<OutboxBacklogCheck>("outbox-backlog", tags: [ReadyTag]);
        if (InvalidSettingsException.Bind<JobsOptions>(builder.Configuration, JobsOptions.SectionName).RunServer)
        {
            health.AddCheck<HangfireServerCheck>("hangfire-server", tags: [ReadyTag]);
        }

        if (OtlpExport.From(builder.Configuration) is { } otlp)
        {
            // Traces (ASP.NET Core, EF Core), metrics (ASP.NET Core, runtime) and logs, to the collector at
            // OTEL_EXPORTER_OTLP_ENDPOINT over OTEL_EXPORTER_OTLP_PROTOCOL. Request paths are redacted
            // (SecretRedaction: no link token in url.path or in a log line); SQL is parameterized, so
            // statements hold no values.
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(otlp.ServiceName))
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddOtlpExporter(options => otlp.Configure(options, "v1/traces")))
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(SqliteWriteGate.MeterName)
                    .AddOtlpExporter(options => otlp.Configure(options, "v1/metrics")))
                .WithLogging(
                    logging => logging.AddOtlpExporter(options => otlp.Configure(options, "v1/logs")),
                    options =>
                    {
                        options.IncludeScopes = true;
                        options.IncludeFormattedMessage = true;
                    });
            builder.Services.AddHostedService<OtlpExportReport>();
        }

        return builder;
    }

    /// <summary>/health/live: the process answers. /health/ready and /health: it can do its work.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// What a monitor reads: the overall status (200 for Healthy and Degraded, 503 for Unhealthy), and
    /// each check's status, description and duration, so the alert says which one failed. No
    /// exception text: descriptions are written for the operator and hold no patient data.
    /// </summary>
    public static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(
            new HealthJson(
                report.Status.ToString(),
                Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                report.Entries.Select(e => new HealthCheckJson(
                    e.Key, e.Value.Status.ToString(), e.Value.Description ?? string.Empty, Math.Round(e.Value.Duration.TotalMilliseconds, 1))).ToList()),
            HealthJsonContext.Default.HealthJson,
            contentType: "application/json; charset=utf-8",
            context.RequestAborted);
    }

    /// <summary>The id support can look up in the logs: the request's trace id.</summary>
    public static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
}

/// <summary>
/// Unhealthy when the database cannot take a write: unreachable, read-only (a file or mount, a standby,
/// default_transaction_read_only), or a SQLite file on a disk below Storage:MinimumFreeMegabytes
/// (<see cref="DatabaseWriteProbe"/>). The answer is kept for <see cref="DatabaseProbeCache.KeptFor"/>, so a
/// load balancer polling every second costs one probe per interval.
/// </summary>
public sealed class DatabaseCheck(ApplicationDbContext db, DatabaseProbeCache cache, StorageOptions storage) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(DatabaseWriteProbe.TimeoutSeconds * 2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await cache.GetAsync((afterFailure, ct) => DatabaseWriteProbe.ProbeAsync(db, storage.MinimumFreeBytes, afterFailure, ct), cancellationToken);
        return state.CanWrite ? HealthCheckResult.Healthy(state.Description) : HealthCheckResult.Unhealthy(state.Description);
    }
}

/// <summary>The last write probe and when it ran; one probe at a time, the others wait for its answer.</summary>
public sealed class DatabaseProbeCache(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _one = new(1, 1);
    private volatile Probed? _last;

    /// <summary>The last answer while fresh, else a new probe (told whether the last one failed).</summary>
    public async Task<DatabaseWriteState> GetAsync(Func<bool, CancellationToken, Task<DatabaseWriteState>> probe, CancellationToken cancellationToken)
    {
        if (Fresh() is { } state)
        {
            return state;
        }

        await _one.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } meanwhile)
            {
                return meanwhile;
            }

            var probed = await probe(_last is { State.CanWrite: false }, cancellationToken);
            _last = new Probed(probed, clock.GetUtcNow());
            return probed;
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();

    private DatabaseWriteState? Fresh() => _last is { } last && clock.GetUtcNow() - last.At < KeptFor ? last.State : null;

    private sealed record Probed(DatabaseWriteState State, DateTimeOffset At);
}

/// <summary>
/// Degraded from the first failed delivery attempt (the mail server refusing or unreachable: monitors
/// hear before staff, who see delayed emails on "Needs attention" after MessageDelivery:AlertAfterMinutes),
/// and when a message due 15 minutes ago has not even been tried (nothing is sending).
/// </summary>
public sealed class OutboxBacklogCheck(IApplicationDbContext db, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var overdueSince = clock.GetUtcNow().UtcDateTime - Observability.OutboxBacklogLimit;
        var retrying = await db.OutboxMessages.Where(OutboxMessage.IsRetryingExpr).CountAsync(cancellationToken);
        var overdue = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.Attempts == 0 && m.NextAttemptAtUtc < overdueSince)
            .CountAsync(cancellationToken);
        var problems = new List<string>();
        if (retrying > 0)
        {
            problems.Add($"{retrying} message(s) failed a delivery attempt and are waiting to be tried again.");
        }

        if (overdue > 0)
        {
            problems.Add($"{overdue} message(s) due more than {Observability.OutboxBacklogLimit.TotalMinutes:0} minutes ago have not been tried yet.");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("No message is waiting for a retry or overdue.")
            : HealthCheckResult.Degraded(string.Join(" ", problems));
    }
}

/// <summary>Degraded when no Hangfire server has sent a heartbeat recently (jobs and mail would stall).</summary>
public sealed class HangfireServerCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan HeartbeatLimit = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var alive = storage.GetMonitoringApi().Servers()
            .Any(s => s.Heartbeat is { } beat && now - beat < HeartbeatLimit);
        return Task.FromResult(alive
            ? HealthCheckResult.Healthy("A background-job server sent a heartbeat in the last two minutes.")
            : HealthCheckResult.Degraded("No background-job server has sent a heartbeat in the last two minutes."));
    }
}

/// <summary>The body of /health, /health/ready and /health/live.</summary>
public sealed record HealthJson(string Status, double DurationMs, IReadOnlyList<HealthCheckJson> Checks);

public sealed record HealthCheckJson(string Name, string Status, string Description, double DurationMs);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(HealthJson))]
internal sealed partial class HealthJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
