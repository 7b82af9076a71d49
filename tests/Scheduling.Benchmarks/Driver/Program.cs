using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.Data.Sqlite;

using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

// The benchmark driver (see ../run and ../README.md). Three modes:
//   measure: one round against a seeded copy of the database, results to a JSON file;
//   report:  the median of the rounds as a table of ratios to the baselines, into the README;
//   serve:   the app as measure starts it, signed in, for a profiler (prints the address, the
//            scheduler's cookie and the process id; stops when its standard input closes).
var options = Args.Parse(args);
return options.Mode switch
{
    "measure" => await Measure.RunAsync(options),
    "report" => Report.Run(options),
    "serve" => await Measure.ServeAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Driver measure --app-root DIR --app-dll DLL --baseline-dll DLL --data DIR --empty DIR --links FILE --result FILE [--seconds N]");
    Console.Error.WriteLine("Driver report --readme FILE --machine TEXT result1.json result2.json ...");
    Console.Error.WriteLine("Driver serve --app-root DIR --app-dll DLL --data DIR");
    return 2;
}

internal sealed record Args(string Mode, IReadOnlyDictionary<string, string> Named, IReadOnlyList<string> Positional)
{
    public string this[string name] => Named.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => Named.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static Args Parse(string[] args)
    {
        var named = new Dictionary<string, string>();
        var positional = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                named[args[i][2..]] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return new Args(args.Length > 0 ? args[0] : string.Empty, named, positional);
    }
}

/// <summary>One measured figure. Baseline is "a" (read), "b" (write) or empty (not a ratio).</summary>
internal sealed record Figure(string Name, int Clients, double PerSecond, double P95Ms, int Errors, string Baseline, string Unit = "req/s", string Note = "");

internal sealed record RoundResult(List<Figure> Figures, Dictionary<string, double> Scalars, List<PageSql> Sql);

internal sealed record PageSql(string Page, int Statements, List<string> Plans);

internal static class Hey
{
    public static async Task<Figure> RunAsync(string name, string url, int clients, int seconds, string baseline, string? cookie = null, string method = "GET")
    {
        // As through the clinic's TLS proxy (the app refuses plain http outside Development).
        var arguments = new List<string> { "-z", $"{seconds}s", "-c", clients.ToString(CultureInfo.InvariantCulture), "-m", method, "-disable-redirects", "-H", "X-Forwarded-Proto: https" };
        if (cookie is not null)
        {
            arguments.AddRange(["-H", $"Cookie: {cookie}"]);
        }

        arguments.Add(url);
        var output = await Proc.RunAsync("hey", arguments);
        var rps = Number(output, @"Requests/sec:\s+([\d.]+)");
        var p95 = Number(output, @"95%\s+in\s+([\d.]+)\s+secs") * 1000;
        var ok = 0;
        var all = 0;
        foreach (Match m in Regex.Matches(output, @"\[(\d{3})\]\s+(\d+)\s+responses"))
        {
            var count = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            all += count;
            if (m.Groups[1].Value == "200" || (method == "POST" && m.Groups[1].Value == "302"))
            {
                ok += count;
            }
        }

        foreach (Match m in Regex.Matches(output, @"\[(\d+)\]\s+Get|\[(\d+)\]\s+Post"))
        {
            all += int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return new Figure(name, clients, rps, p95, all - ok, baseline);
    }

    private static double Number(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}

internal static class Proc
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout + await stderr;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A started web process (the app or a baseline) on a loopback port of its own.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private Server(Process process, string url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }

    public int Pid => _process.Id;

    public IReadOnlyList<string> Output => _output.ToArray();

    public static Server Start(string dll, string workingDirectory, IDictionary<string, string> environment, params string[] arguments)
    {
        var port = Proc.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["ASPNETCORE_URLS"] = url;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new Server(Process.Start(info)!, url);
    }

    /// <summary>Polls /health until it answers 200; returns how long that took from the process start.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = _process.StartTime.ToUniversalTime();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The server exited:\n" + string.Join('\n', Output.TakeLast(40)));
            }

            try
            {
                if ((await client.GetAsync(Url + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return DateTime.UtcNow - started;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("No /health 200:\n" + string.Join('\n', Output.TakeLast(40)));
    }

    /// <summary>Peak resident set (VmHWM) of the process so far, in MiB.</summary>
    public double PeakWorkingSetMiB()
    {
        foreach (var line in File.ReadAllLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>A loopback SMTP server that counts what arrives and when.</summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public SmtpSink()
    {
        Port = Proc.FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Arrivals));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<DateTime> Arrivals { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Store(ConcurrentQueue<DateTime> arrivals) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            arrivals.Enqueue(DateTime.UtcNow);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

/// <summary>
/// A browser-like client behind the clinic's TLS proxy: the app is reached on plain loopback http
/// with X-Forwarded-Proto: https (loopback is a trusted proxy), as Caddy in deploy/ does. Its cookies
/// are Secure, which a CookieContainer would never send over http, so the client keeps its own jar
/// (antiforgery and the scheduler's sign-in cookie).
/// </summary>
internal sealed partial class Browser : IDisposable
{
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _jar = [];

    public Browser(string baseUrl, string? authCookie)
    {
        if (authCookie is not null)
        {
            _jar[authCookie[..authCookie.IndexOf('=')]] = authCookie[(authCookie.IndexOf('=') + 1)..];
        }

        _client = new HttpClient(new BehindTheProxy(_jar)) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string? Cookie(string name)
    {
        lock (_jar)
        {
            return _jar.TryGetValue(name, out var value) ? value : null;
        }
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpStatusCode> PostFormAsync(string path, string formPage, IEnumerable<KeyValuePair<string, string>> fields)
    {
        if (!TokenPattern().IsMatch(formPage))
        {
            return HttpStatusCode.UnprocessableContent;
        }

        var token = Token(formPage);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        using var response = await _client.PostAsync(path, content);
        return response.StatusCode;
    }

    public static string Token(string page)
    {
        var match = TokenPattern().Match(page);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>What the TLS proxy adds, and a cookie jar that ignores the Secure flag on loopback.</summary>
internal sealed class BehindTheProxy(Dictionary<string, string> jar)
    : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        lock (jar)
        {
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            lock (jar)
            {
                foreach (var cookie in cookies)
                {
                    var pair = cookie.Split(';')[0];
                    var name = pair[..pair.IndexOf('=')].Trim();
                    var value = pair[(pair.IndexOf('=') + 1)..];
                    var expired = cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                    if (value.Length == 0 || expired)
                    {
                        jar.Remove(name);
                    }
                    else
                    {
                        jar[name] = value;
                    }
                }
            }
        }

        return response;
    }
}

internal static class Measure
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Args options)
    {
        var seconds = options.Int("seconds", 10);
        var figures = new List<Figure>();
        var scalars = new Dictionary<string, double>();
        var appDll = options["app-dll"];
        var appRoot = options["app-root"];
        var data = options["data"];

        // Baselines (a) and (b).
        var baselineDb = Path.Combine(options["empty"], "baseline.db");
        await using (var baseline = Server.Start(options["baseline-dll"], Path.GetDirectoryName(options["baseline-dll"])!, new Dictionary<string, string>(), "--Database", baselineDb))
        {
            await baseline.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            await Hey.RunAsync("warm-up", baseline.Url + "/read/42", 4, 2, string.Empty);
            foreach (var clients in new[] { 1, 16 })
            {
                figures.Add(await Hey.RunAsync("baseline (a): read one row", baseline.Url + "/read/42", clients, seconds, string.Empty));
                figures.Add(await Hey.RunAsync("baseline (b): insert one row", baseline.Url + "/write", clients, seconds, string.Empty, method: "POST"));
            }
        }

        // Start-up to first /health 200 on an empty database (migrations included).
        var emptyData = Path.Combine(options["empty"], "app");
        Directory.CreateDirectory(emptyData);
        await using (var empty = Server.Start(appDll, appRoot, AppEnvironment(emptyData, null)))
        {
            scalars["startup to first /health 200 (ms), empty database"] = (await empty.WaitHealthyAsync(TimeSpan.FromSeconds(120))).TotalMilliseconds;
        }

        await using var smtp = new SmtpSink();
        await using var app = Server.Start(appDll, appRoot, AppEnvironment(data, smtp.Port));
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        var cookie = await SignInAsync(app.Url, options.Named.GetValueOrDefault("email", "seed-scheduler@clinic.test"), options.Named.GetValueOrDefault("password", "tace-seed-password"));
        var radiologist = await SignInAsync(app.Url, "seed-radiologist@clinic.test", options.Named.GetValueOrDefault("password", "tace-seed-password"));
        var ids = Ids.Load(Path.Combine(data, "scheduling.db"));
        var pages = Pages(ids);
        string CookieFor(string path) => path.StartsWith("/review", StringComparison.Ordinal) ? radiologist : cookie;

        foreach (var (_, path) in pages)
        {
            await Hey.RunAsync("warm-up", app.Url + path, 4, 1, "a", CookieFor(path));
        }

        foreach (var clients in new[] { 1, 16 })
        {
            foreach (var (name, path) in pages)
            {
                figures.Add(await Hey.RunAsync(name, app.Url + path, clients, seconds, "a", CookieFor(path)));
            }
        }

        var links = File.Exists(options["links"]) ? File.ReadAllLines(options["links"]).Where(l => l.Length > 0).ToList() : [];
        if (links.Count > 0)
        {
            foreach (var clients in new[] { 1, 16 })
            {
                figures.Add(await Hey.RunAsync("patient link page (GET)", app.Url + links[0], clients, seconds, "a"));
            }
        }

        // Booking from 16 clients, each on its own free slot, form GET + POST with a fresh token.
        var pairs = new ConcurrentQueue<(Guid Referral, Guid Slot)>(ids.Pairs.Take(150));
        figures.Add(await BookAsync("booking (form GET + POST)", app.Url, cookie, pairs, 16));

        // A scheduler booking alone, then while 8 clients load this week's calendar.
        var alone = new ConcurrentQueue<(Guid, Guid)>(ids.Pairs.Skip(150).Take(30));
        var aloneFigure = await BookAsync("one scheduler booking, unloaded", app.Url, cookie, alone, 1);
        figures.Add(aloneFigure);
        var loaded = new ConcurrentQueue<(Guid, Guid)>(ids.Pairs.Skip(180).Take(30));
        var load = Hey.RunAsync("calendar load (8 clients)", app.Url + "/scheduling/calendar", 8, 600, "a", cookie);
        await Task.Delay(1000);
        var loadedFigure = await BookAsync("one scheduler booking, 8 clients on the calendar", app.Url, cookie, loaded, 1);
        figures.Add(loadedFigure with { Note = $"{100 * loadedFigure.PerSecond / Math.Max(0.001, aloneFigure.PerSecond):0} % of unloaded" });
        await KillHeyAsync();
        await load;

        // One slot, 50 clients, 50 different referrals: exactly one may win.
        scalars["contended slot: successes out of 50 (must be 1)"] = await ContendAsync(app.Url, cookie, ids.ContendedSlot, ids.Pairs.Skip(210).Take(50).Select(p => p.Referral).ToList());

        // Patient confirms through the link.
        if (links.Count > 1)
        {
            figures.Add(await ConfirmAsync(app.Url, new ConcurrentQueue<string>(links.Skip(1)), 16));
        }

        // Outbox dispatch on its own, not mixed with booking speed: once the bookings' emails are out,
        // up to one sweep's worth of sent messages is put back in the queue in one statement, as if
        // they had all been decided at once; the minutely sweep hands them to the job workers, and the
        // figure is deliveries per second from the first arrival to the last.
        await WaitForQuietAsync(smtp, TimeSpan.FromSeconds(5));
        var database = Path.Combine(data, "scheduling.db");
        var requeued = Requeue(database, 500);
        var mailBefore = smtp.Arrivals.Count;
        var firstDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (smtp.Arrivals.Count == mailBefore && DateTime.UtcNow < firstDeadline)
        {
            await Task.Delay(100);
        }

        await WaitForQuietAsync(smtp, TimeSpan.FromSeconds(5));
        var arrivals = smtp.Arrivals.Skip(mailBefore).ToList();
        if (arrivals.Count > 1)
        {
            var span = (arrivals[^1] - arrivals[0]).TotalSeconds;
            figures.Add(new Figure("outbox email dispatch to loopback SMTP", 1, (arrivals.Count - 1) / span, 0, 0, string.Empty, "messages/s",
                $"{requeued} queued at once, {arrivals.Count} delivered{(arrivals.Count < requeued ? $" ({requeued - arrivals.Count} skipped: no longer applying)" : string.Empty)}, first to last delivery"));
        }

        scalars["peak working set (MiB)"] = app.PeakWorkingSetMiB();

        var result = new RoundResult(figures, scalars, await SqlAsync(options, data, cookie, pages, links));
        await File.WriteAllTextAsync(options["result"], JsonSerializer.Serialize(result, Indented));
        Report.Print([result]);
        return 0;
    }

    public static async Task<int> ServeAsync(Args options)
    {
        await using var smtp = new SmtpSink();
        var env = AppEnvironment(options["data"], smtp.Port);
        var sqlLog = options.Named.GetValueOrDefault("sql-log");
        if (sqlLog is not null)
        {
            // --sql-log FILE: every SQL statement the app runs is written there when serve stops.
            env["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
            env["Logging__Console__FormatterName"] = "simple";
        }

        await using var app = Server.Start(options["app-dll"], options["app-root"], env);
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        var cookie = await SignInAsync(app.Url, "seed-scheduler@clinic.test", "tace-seed-password");
        Console.WriteLine($"url={app.Url}");
        Console.WriteLine($"cookie={cookie}");
        Console.WriteLine($"radiologist-cookie={await SignInAsync(app.Url, "seed-radiologist@clinic.test", "tace-seed-password")}");
        Console.WriteLine($"pid={app.Pid}");
        await Console.In.ReadToEndAsync();
        if (sqlLog is not null)
        {
            await File.WriteAllLinesAsync(sqlLog, Statements(app.Output.ToList()));
        }

        return 0;
    }

    /// <summary>Statement count and query plans per page: one GET each with EF command logging on.</summary>
    private static async Task<List<PageSql>> SqlAsync(Args options, string data, string cookie, List<(string Name, string Path)> pages, List<string> links)
    {
        var env = AppEnvironment(data, null);
        env["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        env["Logging__Console__FormatterName"] = "simple";
        await using var app = Server.Start(options["app-dll"], options["app-root"], env);
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        cookie = await SignInAsync(app.Url, options.Named.GetValueOrDefault("email", "seed-scheduler@clinic.test"), options.Named.GetValueOrDefault("password", "tace-seed-password"));
        var all = pages.ToList();
        if (links.Count > 0)
        {
            all.Add(("patient link page (GET)", links[0]));
        }

        var result = new List<PageSql>();
        var radiologist = await SignInAsync(app.Url, "seed-radiologist@clinic.test", options.Named.GetValueOrDefault("password", "tace-seed-password"));
        foreach (var (name, path) in all)
        {
            using var browser = new Browser(app.Url, path.StartsWith("/review", StringComparison.Ordinal) ? radiologist : cookie);
            await browser.GetAsync(path);
            await Task.Delay(1500);
            var before = app.Output.Count;
            await browser.GetAsync(path);
            await Task.Delay(1500);
            var lines = app.Output.Skip(before).ToList();
            var statements = Statements(lines);
            result.Add(new PageSql(name, statements.Count, Plans(Path.Combine(data, "scheduling.db"), statements)));
        }

        return result;
    }

    private static List<string> Statements(List<string> lines)
    {
        var statements = new List<string>();
        StringBuilder? current = null;
        foreach (var line in lines)
        {
            if (line.Contains("Executed DbCommand", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    statements.Add(current.ToString().Trim());
                }

                current = new StringBuilder();
            }
            else if (current is not null && line.StartsWith("      ", StringComparison.Ordinal))
            {
                current.AppendLine(line.Trim());
            }
            else if (current is not null)
            {
                statements.Add(current.ToString().Trim());
                current = null;
            }
        }

        if (current is not null)
        {
            statements.Add(current.ToString().Trim());
        }

        return statements;
    }

    private static List<string> Plans(string database, List<string> statements)
    {
        var plans = new List<string>();
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        foreach (var sql in statements.Where(s => s.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).Distinct())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (Match p in Regex.Matches(sql, @"@[A-Za-z_][A-Za-z0-9_]*"))
            {
                if (!command.Parameters.Contains(p.Value))
                {
                    command.Parameters.AddWithValue(p.Value, DBNull.Value);
                }
            }

            var plan = new StringBuilder();
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    plan.AppendLine(reader.GetString(3));
                }
            }
            catch (SqliteException ex)
            {
                plan.AppendLine("(no plan: " + ex.Message + ")");
            }

            plans.Add(sql + "\n--\n" + plan.ToString().Trim());
        }

        return plans;
    }

    /// <summary>A clinic's real settings: Production refuses to start on the placeholders.</summary>
    public static readonly Dictionary<string, string> ClinicSettings = new()
    {
        ["Clinic__Name"] = "Riverside Interventional Radiology",
        ["Clinic__Phone"] = "+1 617 555 0142",
        ["Clinic__Address"] = "200 River Street, Boston, MA",
        ["Clinic__PublicBaseUrl"] = "https://tace.riverside.example.org",
        ["Email__FromAddress"] = "scheduling@riverside.example.org",
    };

    private static Dictionary<string, string> AppEnvironment(string data, int? smtpPort)
    {
        var env = new Dictionary<string, string>(ClinicSettings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataFolder"] = data,
            // Every client of the benchmark shares one loopback address, which stands for thousands of
            // patients and staff: the per-address limits would measure the limiter, not the app (100000 a minute
            // is the highest the settings check allows; no figure here comes near it).
            ["RateLimits__SignInPerMinute"] = "100000",
            ["RateLimits__PatientLinkPerMinute"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
            // A throwaway database: its key ring needs no certificate (Production refuses that unless told).
            ["DataProtection__AcceptUnencryptedKeys"] = "true",
        };
        if (smtpPort is { } port)
        {
            env["Email__Smtp__Host"] = "127.0.0.1";
            env["Email__Smtp__Port"] = port.ToString(CultureInfo.InvariantCulture);
            env["Email__Smtp__UseTls"] = "false";
        }
        else
        {
            env["Email__AllowPickupFolderInProduction"] = "true";
        }

        return env;
    }

    private static List<(string Name, string Path)> Pages(Ids ids) =>
    [
        ("calendar, this week", "/scheduling/calendar"),
        ("calendar, a past week", $"/scheduling/calendar?week={ids.PastWeek:yyyy-MM-dd}"),
        ("scheduling queue", "/scheduling/queue"),
        ("bookings list", "/scheduling/bookings"),
        ("review queue", "/review"),
        ("staff referral page", $"/staff/referrals/{ids.StaffReferral}"),
        ("next available", "/scheduling/next-available"),
        ("treatment course page", $"/courses/{ids.Course}"),
        ("treatment courses list", "/courses"),
        ("follow-up scans worklist", "/courses/follow-up-scans"),
        ("post-procedure calls worklist", "/courses/calls"),
        ("tumour board list", "/courses/tumour-board"),
        ("patient record", $"/patients/{ids.Patient}"),
    ];

    private static async Task<string> SignInAsync(string url, string email, string password)
    {
        using var browser = new Browser(url, null);
        var (_, page) = await browser.GetAsync("/account/login");
        var status = await browser.PostFormAsync("/account/login", page, [new("Email", email), new("Password", password)]);
        var auth = browser.Cookie("tace.auth");
        return auth is null ? throw new InvalidOperationException($"Sign-in as {email} failed ({status}).") : $"tace.auth={auth}";
    }

    private static async Task<Figure> BookAsync(string name, string url, string cookie, ConcurrentQueue<(Guid Referral, Guid Slot)> pairs, int clients)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var browser = new Browser(url, cookie);
            while (pairs.TryDequeue(out var pair))
            {
                var started = Stopwatch.GetTimestamp();
                var path = $"/scheduling/referrals/{pair.Referral}/book";
                var (_, form) = await browser.GetAsync(path);
                var status = await browser.PostFormAsync(path, form, [new("SlotId", pair.Slot.ToString())]);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (status != HttpStatusCode.Found)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        return new Figure(name, clients, (latencies.Count - errors) / elapsed, P95(latencies), errors, "b", "bookings/s");
    }

    private static async Task<int> ContendAsync(string url, string cookie, Guid slot, List<Guid> referrals)
    {
        var browsers = referrals.Select(_ => new Browser(url, cookie)).ToList();
        try
        {
            var forms = await Task.WhenAll(referrals.Select((r, i) => browsers[i].GetAsync($"/scheduling/referrals/{r}/book")));
            using var start = new SemaphoreSlim(0);
            var posts = referrals.Select((r, i) => Task.Run(async () =>
            {
                await start.WaitAsync();
                return await browsers[i].PostFormAsync($"/scheduling/referrals/{r}/book", forms[i].Body, [new("SlotId", slot.ToString())]);
            })).ToList();
            start.Release(referrals.Count);
            var statuses = await Task.WhenAll(posts);
            return statuses.Count(s => s == HttpStatusCode.Found);
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    private static async Task<Figure> ConfirmAsync(string url, ConcurrentQueue<string> links, int clients)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var browser = new Browser(url, null);
            while (links.TryDequeue(out var link))
            {
                var started = Stopwatch.GetTimestamp();
                var (_, page) = await browser.GetAsync(link);
                var status = await browser.PostFormAsync(link + "/confirm", page,
                    [new("Confirm.Ticked[0]", "true"), new("Confirm.Ticked[1]", "true"), new("Confirm.Ticked[2]", "true")]);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (status is not (HttpStatusCode.Found or HttpStatusCode.OK))
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return new Figure("patient confirm (link GET + POST)", clients, (latencies.Count - errors) / clock.Elapsed.TotalSeconds, P95(latencies), errors, "b", "confirmations/s");
    }

    /// <summary>Waits until no email has arrived for <paramref name="quiet"/>.</summary>
    private static async Task WaitForQuietAsync(SmtpSink smtp, TimeSpan quiet)
    {
        var quietSince = DateTime.UtcNow;
        var lastCount = smtp.Arrivals.Count;
        while (DateTime.UtcNow - quietSince < quiet)
        {
            await Task.Delay(250);
            if (smtp.Arrivals.Count != lastCount)
            {
                lastCount = smtp.Arrivals.Count;
                quietSince = DateTime.UtcNow;
            }
        }
    }

    /// <summary>Puts up to <paramref name="count"/> sent messages back in the queue, due now; returns how many.</summary>
    private static int Requeue(string database, int count)
    {
        using var connection = new SqliteConnection($"Data Source={database};Default Timeout=30");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE OutboxMessages
            SET Status = 'Pending', NextAttemptAtUtc = $due, ClaimedUntilUtc = NULL, SentAtUtc = NULL, Attempts = 0
            WHERE Id IN (SELECT Id FROM OutboxMessages WHERE Status = 'Sent' ORDER BY CreatedAtUtc DESC LIMIT $count)
            """;
        command.Parameters.AddWithValue("$due", DateTime.UtcNow.AddMinutes(-1));
        command.Parameters.AddWithValue("$count", count);
        return command.ExecuteNonQuery();
    }

    private static double P95(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)];
    }

    private static async Task KillHeyAsync()
    {
        foreach (var process in Process.GetProcessesByName("hey"))
        {
            // Only the hey this driver started: its parent is this process.
            var stat = await File.ReadAllTextAsync($"/proc/{process.Id}/stat");
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            if (parent == Environment.ProcessId)
            {
                process.Kill();
            }
        }
    }
}

/// <summary>Ids the pages and the booking runs need, read from the seeded database.</summary>
internal sealed record Ids(DateOnly PastWeek, Guid StaffReferral, Guid Course, Guid Patient, Guid ContendedSlot, List<(Guid Referral, Guid Slot)> Pairs)
{
    public static Ids Load(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        string One(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? throw new InvalidOperationException("Nothing for: " + sql);
        }

        List<string> Many(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }

        var pastWeek = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-91));
        var staffReferral = Guid.Parse(One("SELECT Id FROM Referrals WHERE Status = 'Scheduled' ORDER BY Id LIMIT 1"));
        // The longest seeded course (four sessions with their readings, calls and events) and its patient.
        var course = Guid.Parse(One("SELECT Id FROM TreatmentCourses ORDER BY SessionCount DESC, Id LIMIT 1"));
        var patient = Guid.Parse(One("SELECT PatientId FROM TreatmentCourses ORDER BY SessionCount DESC, Id LIMIT 1"));
        var ready = Many("SELECT Id FROM Referrals WHERE Status = 'ReadyToSchedule' ORDER BY Id").Select(Guid.Parse).ToList();
        var earliest = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var free = Many($"""
            SELECT s.Id FROM Slots s
            WHERE s.LocalDate >= '{earliest}' AND s.IsWithdrawn = 0
              AND NOT EXISTS (SELECT 1 FROM Bookings b WHERE b.SlotId = s.Id AND b.Status IN ('PendingConfirmation', 'Confirmed'))
            ORDER BY s.StartUtc LIMIT 400
            """).Select(Guid.Parse).ToList();
        var pairs = ready.Zip(free).ToList();
        return new Ids(pastWeek, staffReferral, course, patient, free[^1], pairs);
    }
}

internal static class Report
{
    public static int Run(Args options)
    {
        var rounds = options.Positional.Select(f => JsonSerializer.Deserialize<RoundResult>(File.ReadAllText(f))!).ToList();
        var table = Print(rounds);
        var readme = options["readme"];
        var template = File.ReadAllText(readme);
        const string Start = "<!-- results:start -->";
        const string End = "<!-- results:end -->";
        var body = new StringBuilder();
        body.AppendLine(Start);
        body.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {options["machine"]}; median of {rounds.Count} round(s), {options.Named.GetValueOrDefault("seconds", "10")} s per figure.");
        body.AppendLine();
        body.AppendLine(table);
        var sql = rounds[^1].Sql;
        if (sql.Count > 0)
        {
            body.AppendLine("SQL statements per page view (EF command log, second view of the page):");
            body.AppendLine();
            body.AppendLine("| page | statements |");
            body.AppendLine("|---|---|");
            foreach (var page in sql)
            {
                body.AppendLine(CultureInfo.InvariantCulture, $"| {page.Page} | {page.Statements} |");
            }

            body.AppendLine();
            body.AppendLine("<details><summary>EXPLAIN QUERY PLAN of every SELECT on those pages</summary>");
            body.AppendLine();
            foreach (var page in sql)
            {
                body.AppendLine(CultureInfo.InvariantCulture, $"#### {page.Page}");
                body.AppendLine();
                foreach (var plan in page.Plans)
                {
                    body.AppendLine("```sql");
                    body.AppendLine(plan);
                    body.AppendLine("```");
                }
            }

            body.AppendLine("</details>");
        }

        body.Append(End);
        var startAt = template.IndexOf(Start, StringComparison.Ordinal);
        var endAt = template.IndexOf(End, StringComparison.Ordinal);
        var updated = startAt >= 0 && endAt > startAt
            ? template[..startAt] + body + template[(endAt + End.Length)..]
            : template + "\n" + body + "\n";
        File.WriteAllText(readme, updated);
        return 0;
    }

    public static string Print(List<RoundResult> rounds)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var keys = rounds[0].Figures.Select(f => (f.Name, f.Clients)).Distinct().ToList();
        var median = keys.Select(k =>
        {
            var same = rounds.SelectMany(r => r.Figures).Where(f => f.Name == k.Name && f.Clients == k.Clients).ToList();
            return same[0] with { PerSecond = Median(same.Select(f => f.PerSecond)), P95Ms = Median(same.Select(f => f.P95Ms)), Errors = same.Max(f => f.Errors) };
        }).ToList();
        double Base(string which, int clients) =>
            median.FirstOrDefault(f => f.Name.StartsWith($"baseline ({which})", StringComparison.Ordinal) && f.Clients == clients)?.PerSecond
            ?? median.FirstOrDefault(f => f.Name.StartsWith($"baseline ({which})", StringComparison.Ordinal))?.PerSecond ?? 0;

        var text = new StringBuilder();
        text.AppendLine("| figure | clients | rate | p95 | errors | ratio to baseline | note |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var f in median)
        {
            var baseline = f.Baseline.Length == 0 ? 0 : Base(f.Baseline, f.Clients);
            var ratio = baseline > 0 && !f.Name.StartsWith("baseline", StringComparison.Ordinal) ? $"{f.PerSecond / baseline:0.000} of ({f.Baseline})" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Clients} | {f.PerSecond:0.0} {f.Unit} | {(f.P95Ms > 0 ? $"{f.P95Ms:0.0} ms" : string.Empty)} | {f.Errors} | {ratio} | {f.Note} |");
        }

        text.AppendLine();
        foreach (var key in rounds[0].Scalars.Keys)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {Median(rounds.Select(r => r.Scalars.GetValueOrDefault(key))):0.#} (rounds: {string.Join(", ", rounds.Select(r => r.Scalars.GetValueOrDefault(key).ToString("0.#", CultureInfo.InvariantCulture)))})");
        }

        var result = text.ToString();
        Console.WriteLine(result);
        return result;
    }
}
