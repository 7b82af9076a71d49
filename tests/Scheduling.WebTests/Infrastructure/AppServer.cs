using System.Diagnostics;
using System.Text;

using Scheduling.TestSupport;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// The built app as its own process on a real loopback socket (what a proxy or a health check talks
/// to), with the environment given, its content root the web project (wwwroot) and its data in a
/// folder of its own (Storage__DataFolder when given). Ready once /health/live answers; killed, with its
/// process tree, on dispose, and its data folder deleted.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppServer(Process process, int port, string dataFolder, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        Port = port;
        DataFolder = dataFolder;
        Environment = environment;
    }

    public int Port { get; }

    public string DataFolder { get; }

    /// <summary>The environment the app was started with (what a health check run beside it sees).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static async Task<AppServer> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = LoopbackPort.Free();
        var dataFolder = environment.TryGetValue("Storage__DataFolder", out var given) ? given : Directory.CreateTempSubdirectory("tace-app-").FullName;
        var values = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_CONTENTROOT"] = Path.Combine(RepositoryRoot.Path, "src", "Scheduling.Web"),
        };
        values.TryAdd("Storage__DataFolder", dataFolder);
        values.TryAdd("Database__Provider", "Sqlite");
        values.TryAdd("Logging__LogLevel__Default", "Warning");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scheduling.Web.dll"));
        foreach (var (key, value) in values)
        {
            start.Environment[key] = value;
        }

        var server = new AppServer(Process.Start(start)!, port, dataFolder, values);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilLiveAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a child that is going away; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>Kills the app (as a crash or a stopped container would end it) and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilLiveAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it answered:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health/live", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One slow answer while the machine is busy.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The app did not answer /health/live within 3 minutes:\n{Output}");
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
