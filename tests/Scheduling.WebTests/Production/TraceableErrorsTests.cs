using System.Net;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>A controller only this test adds: a bug, as the app would meet one.</summary>
[AllowAnonymous]
[Route("test-only")]
public sealed class FailingController : Controller
{
    [HttpGet("bug")]
    public IActionResult Bug() => throw new InvalidOperationException("A bug nobody expected.");
}

public sealed partial class TraceableErrorsTests
{
    [Fact]
    public async Task TheErrorPageReference_IsTheTraceIdOnTheLoggedException()
    {
        var logs = new CapturedLogs();
        await using var database = SqliteTestDatabase.Create();
        await using var factory = await WebApp.StartAsync(database, builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            builder.ConfigureTestServices(services =>
                services.AddControllersWithViews().AddApplicationPart(typeof(FailingController).Assembly));
        });
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
        });

        var response = await client.GetAsync("/test-only/bug", TestContext.Current.CancellationToken);

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, html);
        Assert.DoesNotContain("A bug nobody expected", html, StringComparison.Ordinal);
        var reference = Reference().Match(html).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", reference);

        var logged = Assert.Single(logs.Lines, line => line.Exception?.Message == "A bug nobody expected.");
        Assert.Equal(reference, logged.Scope["TraceId"]);
        Assert.Equal(LogLevel.Error, logged.Level);
    }

    [GeneratedRegex("<code>([^<]+)</code>")]
    private static partial Regex Reference();
}
