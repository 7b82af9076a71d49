using System.Net;

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Infrastructure;

namespace Scheduling.Web.Composition;

/// <summary>
/// Running behind a TLS-terminating proxy: X-Forwarded-For/-Proto are believed only when the request
/// comes from an address listed in Network:KnownProxies or inside Network:KnownNetworks (loopback is
/// always trusted, for a proxy on the same machine). Everything after this middleware, the rate
/// limiter included, sees the real client address and scheme. Outside Development every cookie is
/// Secure and HSTS asks browsers for a year of https. Network:PathBase hosts the app under a sub-path
/// (https://hospital.example/tace/...): the proxy passes the path on unchanged and every link, form,
/// redirect, cookie and static file the app makes carries the prefix, because all of them come from routing.
/// </summary>
public static class ProxyAndTls
{
    public static IServiceCollection AddProxyAndTls(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var network = InvalidSettingsException.Bind<NetworkOptions>(configuration, NetworkOptions.SectionName);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // The defaults (loopback) stay; configured entries are added to them. Parsing is checked at
            // start-up by NetworkOptions.Validate, so a bad entry never reaches this point.
            foreach (var proxy in network.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var range in network.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(range));
            }
        });

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });

        if (!environment.IsDevelopment())
        {
            // Development runs on plain http://localhost; everywhere else the app is reached over TLS
            // (directly or through the proxy), so a cookie must never travel in clear text.
            services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.PostConfigure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        return services;
    }

    /// <summary>First in the pipeline: every later middleware must see the client's address and scheme.</summary>
    public static WebApplication UseProxyAndTls(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (PathBase(app.Configuration) is { HasValue: true } pathBase)
        {
            // Before everything that looks at the path (the https check below, static files, routing).
            app.UsePathBase(pathBase);
        }

        if (!app.Environment.IsDevelopment())
        {
            // Plain http outside Development means the proxy was bypassed or is not trusted (its
            // X-Forwarded-Proto ignored): say so instead of serving pages whose cookies cannot work.
            // Health probes come from the container runtime on plain http and carry no cookies.
            app.Use(async (context, next) =>
            {
                if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
                {
                    await next(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(
                    "This app answers over https only. Open it through the clinic's https address; if that is what you did, "
                    + "the TLS proxy in front is not trusted (Network:KnownProxies / Network:KnownNetworks).");
            });
            app.UseHsts();
        }

        return app;
    }

    /// <summary>Network:PathBase as a path ("/tace"), or empty when the app is at the root of its host.</summary>
    public static PathString PathBase(IConfiguration configuration) =>
        new(InvalidSettingsException.Bind<NetworkOptions>(configuration, NetworkOptions.SectionName).PathBase?.TrimEnd('/') is { Length: > 0 } path ? path : null);
}

/// <summary>Configuration section "Network": which reverse proxies' forwarded headers are believed, and the sub-path.</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>The sub-path the app is hosted under behind the proxy, e.g. "/tace"; empty at the host's root.</summary>
    public string? PathBase { get; set; }

    /// <summary>Single addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>CIDR ranges, e.g. "172.16.0.0/12".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                problems.Add($"Network:KnownProxies:{i} must be an IP address (is '{KnownProxies[i]}').");
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                problems.Add($"Network:KnownNetworks:{i} must be a CIDR range such as 10.0.0.0/8 (is '{KnownNetworks[i]}').");
            }
        }

        if (!string.IsNullOrEmpty(PathBase) && (!PathBase.StartsWith('/') || PathBase.IndexOfAny(['?', '#', ' ', '\\']) >= 0))
        {
            problems.Add($"Network:PathBase must be a path such as /tace (is '{PathBase}').");
        }

        return problems;
    }
}
