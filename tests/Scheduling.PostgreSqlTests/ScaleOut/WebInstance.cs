using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Scheduling.PostgreSqlTests.ScaleOut;

/// <summary>
/// The built web app (<c>Scheduling.Web.dll</c> from this test's build output) in a process of its
/// own, as a server would run it: <c>dotnet Scheduling.Web.dll</c>, Kestrel on a loopback port the
/// OS chooses, configuration through environment variables. <see cref="Kill"/> is <c>kill -9</c>.
/// </summary>
public sealed partial class WebInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebInstance(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>Where Kestrel listens (http://127.0.0.1:port/).</summary>
    public Uri BaseAddress => _listening.Task.IsCompletedSuccessfully
        ? _listening.Task.Result
        : throw new InvalidOperationException($"{Name} is not listening.");

    public bool HasExited => _process.HasExited;

    /// <summary>The process's console output so far, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(200));

    public static WebInstance Start(string name, string contentRoot, IReadOnlyDictionary<string, string> environment)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Scheduling.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app, "--urls", "http://127.0.0.1:0", "--contentRoot", contentRoot },
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Nothing of the test host's own ASP.NET or .NET settings leaks into the app.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("TEST_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var instance = new WebInstance(name, process);
        process.OutputDataReceived += (_, e) => instance.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => instance.OnOutput(e.Data);
        process.Exited += (_, _) => instance._listening.TrySetException(
            new InvalidOperationException($"{name} exited with code {SafeExitCode(process)} before listening:{Environment.NewLine}{instance.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>Waits for Kestrel's "Now listening on" line (the app migrated and seeded before it).</summary>
    public async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await _listening.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{Name} did not start listening within two minutes:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, in-flight work simply stops.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
