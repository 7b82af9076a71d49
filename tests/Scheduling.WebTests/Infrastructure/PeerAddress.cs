using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// TestServer has no TCP peer; this sets the connection's remote address from a test-only header
/// before anything else in the pipeline runs, as if the request came from that machine.
/// </summary>
public sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    /// <summary>Every request of this browser from now on comes from <paramref name="address"/>.</summary>
    public static void From(BrowserClient browser, string address)
    {
        ArgumentNullException.ThrowIfNull(browser);
        browser.Http.DefaultRequestHeaders.Remove(Header);
        browser.Http.DefaultRequestHeaders.Add(Header, address);
    }

    public static void Install(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, call) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
                context.Request.Headers.Remove(Header);
            }

            await call(context);
        });
        next(app);
    };
}
