using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Scheduling.Web.Composition;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>Every route that carries a token in its path is one the redaction knows, and its paths come out as the template.</summary>
public sealed partial class SecretRoutesTests(WebApp app)
{
    [Fact]
    public void EveryRouteWithATokenParameter_IsASecretRoute()
    {
        var prefixes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => string.Equals(p.Name, "token", StringComparison.OrdinalIgnoreCase)))
            .Select(e => "/" + string.Concat(e.RoutePattern.PathSegments
                .TakeWhile(segment => !segment.Parts.OfType<RoutePatternParameterPart>().Any(p => string.Equals(p.Name, "token", StringComparison.OrdinalIgnoreCase)))
                .Select(segment => string.Concat(segment.Parts.OfType<RoutePatternLiteralPart>().Select(l => l.Content)) + "/")))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(prefixes);
        Assert.Equal(prefixes, SecretRoutes.Prefixes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/p/Xk3_9aZ-qq/confirm", "/p/{token}/confirm")]
    [InlineData("/tace/p/Xk3_9aZ-qq", "/tace/p/{token}")]
    [InlineData("Request starting HTTP/1.1 GET https://tace.example/account/link/Xk3_9aZ-qq?x=1 - - -", "Request starting HTTP/1.1 GET https://tace.example/account/link/{token}?x=1 - - -")]
    [InlineData("/scheduling/bookings/2b1c", "/scheduling/bookings/2b1c")]
    public void Redact_ReplacesTheTokenByTheTemplatesName(string text, string expected) =>
        Assert.Equal(expected, SecretRedaction.Redact(text));

    [Fact]
    public void TheAppsLoggers_HandTheProvidersScopesAndLinesWithTheTokenReplaced_AsTextAndAsFields()
    {
        var logs = new CapturedLogs();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSecretRedaction()
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        using (logger.BeginScope(new PathScope("/tace/p/Xk3_9aZ-qq/confirm")))
        {
            LogRequestStarting(logger, "/tace/p/Xk3_9aZ-qq/confirm");
        }

        var line = Assert.Single(logs.Lines);
        Assert.DoesNotContain("Xk3_9aZ-qq", line.Message, StringComparison.Ordinal);
        Assert.Contains("/tace/p/{token}/confirm", line.Message, StringComparison.Ordinal);
        Assert.Equal("/tace/p/{token}/confirm", line.Scope["RequestPath"]);
        Assert.All(line.Scope.Values, value => Assert.DoesNotContain("Xk3_9aZ-qq", value, StringComparison.Ordinal));
        Assert.Contains(line.Scope.Values, value => value == "RequestPath:/tace/p/{token}/confirm");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request starting {Path}")]
    private static partial void LogRequestStarting(ILogger logger, string path);

    /// <summary>Like ASP.NET Core's hosting scope: fields and a text of its own.</summary>
    private sealed class PathScope(string path) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => new("RequestPath", path);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestPath:{path}";
    }
}
