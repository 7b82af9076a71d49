using System.Net.Http.Json;

using Scheduling.Web.Composition;

namespace Scheduling.Web.Commands;

/// <summary>
/// <c>dotnet Scheduling.Web.dll probe</c>: the container's health check. Asks the running app's
/// /health/ready on loopback and exits 0 when it is Healthy or Degraded (HTTP 200), 1 otherwise, with
/// one line saying why (Docker keeps it in the health log). It runs before anything is composed, so it
/// costs a process start and one request, and needs no shell, curl or wget in the image.
/// The address is <c>--url</c>, else the first of ASPNETCORE_URLS (a wildcard host becomes 127.0.0.1),
/// else ASPNETCORE_HTTP_PORTS, else port 8080.
/// </summary>
public static class ProbeCommand
{
    public const string Name = "probe";

    public const string Usage = "probe [--url URL]       ask the running app's /health/ready; exit 0 when ready (the container health check)";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var url = CommandArguments.Parse(args.Skip(1)).Get("url") is { Length: > 0 } given ? given : ReadyUrl();
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url);
            var report = await ReadReportAsync(response);
            var failing = report?.Checks.Where(c => c.Status != "Healthy").Select(c => $"{c.Name}: {c.Description}") ?? [];
            var summary = string.Join("; ", failing);
            await output.WriteLineAsync(
                $"{(response.IsSuccessStatusCode ? "ready" : "not ready")}: {(int)response.StatusCode} {report?.Status ?? response.ReasonPhrase}{(summary.Length > 0 ? " (" + summary + ")" : string.Empty)}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            await output.WriteLineAsync($"not ready: {url} did not answer ({ex.Message})");
            return 1;
        }
    }

    /// <summary>The loopback address of /health/ready from the settings Kestrel itself listens on.</summary>
    public static string ReadyUrl()
    {
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        if (urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) is { } first)
        {
            var rest = first["http://".Length..].TrimEnd('/');
            var colon = rest.LastIndexOf(':');
            var port = colon > 0 ? rest[(colon + 1)..] : "80";
            var host = colon > 0 ? rest[..colon] : rest;
            if (host is "+" or "*" or "0.0.0.0" or "[::]" or "")
            {
                host = "127.0.0.1";
            }

            return $"http://{host}:{port}/health/ready";
        }

        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return $"http://127.0.0.1:{(ports is [var httpPort, ..] ? httpPort : "8080")}/health/ready";
    }

    private static async Task<HealthJson?> ReadReportAsync(HttpResponseMessage response)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(HealthJsonContext.Default.HealthJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
