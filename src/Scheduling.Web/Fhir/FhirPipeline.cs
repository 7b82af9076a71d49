using System.Diagnostics;

using Microsoft.AspNetCore.Diagnostics;

using Scheduling.Application.Common.Abstractions;

namespace Scheduling.Web.Fhir;

/// <summary>
/// Around every request under /fhir: errors are OperationOutcomes with the right status, never the
/// HTML error pages or a stack (the status-code pages are switched off here, an exception becomes a
/// 500 outcome with the trace id as reference), and each call by a client is written to the audit
/// trail with the client as the actor, the method, the route and the status. The public documents
/// (metadata, SMART configuration) are not audited: they show nothing of anyone.
/// </summary>
public sealed partial class FhirPipeline(RequestDelegate next, ILogger<FhirPipeline> logger)
{
    public const string BasePath = "/fhir";

    public async System.Threading.Tasks.Task InvokeAsync(HttpContext context, IAuditLog audit, ICurrentUser user)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, ex, context.Request.Method, context.GetEndpoint()?.DisplayName);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted)
        {
            var outcome = Outcomes.ForStatus(context.Response.StatusCode, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            context.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
            await context.Response.WriteAsync(FhirJson.Serialize(outcome), context.RequestAborted);
        }

        if (!IsPublicDocument(context.Request.Path))
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            await audit.RecordCallAsync(
                "ApiCall",
                "Fhir",
                $"{context.Request.Method} /{route.TrimStart('/')} -> {context.Response.StatusCode}{(user.UserId is null ? " (no valid token)" : string.Empty)}",
                CancellationToken.None);
        }
    }

    public static bool IsPublicDocument(PathString path) =>
        path.StartsWithSegments(BasePath + "/metadata") || path.StartsWithSegments(BasePath + "/.well-known");

    [LoggerMessage(Level = LogLevel.Error, Message = "FHIR request {Method} {Endpoint} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string? endpoint);
}
