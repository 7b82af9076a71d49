using System.Diagnostics;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>The built app as an operator runs it: <c>dotnet Scheduling.Web.dll [COMMAND ...]</c>, in environment Testing.</summary>
public static class AppProcess
{
    /// <summary>
    /// Every command here ends on its own (a start that must be refused, a backup, a restore); one still
    /// running after this is an app that started serving when it should not have, and fails the test
    /// instead of holding the whole run.
    /// </summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string dataFolder, Dictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataFolder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scheduling.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Storage__DataFolder"] = dataFolder;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException(
                $"'{string.Join(' ', args)}' was still running after {Deadline.TotalMinutes} minutes (it should have ended):\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
