using System.Diagnostics;

using Hangfire;

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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

        var health = builder.Services.AddHealthChecks()
            .AddDbContextCheck<ApplicationDbContext>("database", tags: [ReadyTag])
            .AddCheck<OutboxBacklogCheck>("outbox-backlog", tags: [ReadyTag]);
        if (InvalidSettingsException.Bind<JobsOptions>(builder.Configuration, JobsOptions.SectionName).RunServer)
        {
            health.AddCheck<HangfireServerCheck>("hangfire-server", tags: [ReadyTag]);
        }

        if (OtlpExport.From(builder.Configuration) is { } otlp)
        {
            // Endpoint, headers and protocol come from the standard OTEL_* environment variables.
            // Request URLs are paths only (patient links carry a token, never patient data); SQL is
            // parameterized, so statements hold no values.
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(otlp.ServiceName))
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddOtlpExporter())
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>/health/live: the process answers. /health/ready and /health: it can do its work.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }

    /// <summary>The id support can look up in the logs: the request's trace id.</summary>
    public static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
}

/// <summary>Degraded when a message that should have gone out 15 minutes ago is still pending.</summary>
public sealed class OutboxBacklogCheck(IApplicationDbContext db, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var overdueSince = clock.GetUtcNow().UtcDateTime - Observability.OutboxBacklogLimit;
        var overdue = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc < overdueSince)
            .CountAsync(cancellationToken);
        return overdue == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"{overdue} message(s) due more than {Observability.OutboxBacklogLimit.TotalMinutes:0} minutes ago are still pending.");
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
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("No background-job server has sent a heartbeat in the last two minutes."));
    }
}
