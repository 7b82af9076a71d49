using System.Diagnostics;
using System.Text.RegularExpressions;

using Npgsql;

using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

using YamlDotNet.RepresentationModel;

namespace Scheduling.WebTests.Production;

/// <summary>
/// Every health check of both compose files, read from <c>docker-compose config</c> (the file as
/// Docker receives it, with deploy/example.env's values and its empty secrets filled in) and run the
/// way Docker runs it: a CMD-SHELL string with <c>/bin/sh -c</c> under dash (the /bin/sh of the app's
/// Ubuntu image), a CMD list as the argument vector, in the service's environment. The app's check runs
/// against the real app, the proxy's against the real Caddy with the repository's Caddyfile, the
/// database's against the real PostgreSQL; each must pass while its service runs and fail once it is
/// gone. SQL Server's and Mailpit's need their images' own binaries (sqlcmd, /mailpit), which this
/// machine does not have: their shell strings are parsed by dash, and the test says so.
/// </summary>
public sealed partial class ComposeHealthChecksTests
{
    private const string Dash = "/usr/bin/dash";

    public static TheoryData<string> ComposeFiles => new() { "docker-compose.yml", "docker-compose.postgres.yml" };

    /// <summary>Services whose checks need a binary that exists only in their image.</summary>
    private static readonly Dictionary<string, string> NeedsTheirImage = new(StringComparer.Ordinal)
    {
        ["sqlserver"] = "sqlcmd from the SQL Server image",
        ["mailpit"] = "/mailpit from the Mailpit image",
    };

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public async Task EveryLongRunningService_HasAHealthCheckThisTestRuns_AndOneOffJobsHaveNone(string file)
    {
        var services = await ReadAsync(file);

        Assert.Contains(services, s => s.Name == "app");
        Assert.Contains(services, s => s.Name == "proxy");
        foreach (var service in services)
        {
            if (service.Restart == "no")
            {
                Assert.True(service.Check is ["NONE"], $"{file}: the one-off '{service.Name}' must disable its health check (its exit is its gate).");
                continue;
            }

            Assert.True(service.Check is ["CMD" or "CMD-SHELL", _, ..], $"{file}: '{service.Name}' runs until stopped and has no health check.");
            Assert.True(
                service.Name is "app" or "proxy" or "postgres" || NeedsTheirImage.ContainsKey(service.Name),
                $"{file}: '{service.Name}' has a health check this test does not run; add it here.");
            if (service.Check[0] == "CMD-SHELL")
            {
                SkipWithoutDash();
                var (exitCode, output) = await RunAsync([Dash, "-n", "-c", service.Check[1]], new Dictionary<string, string>(), AppContext.BaseDirectory);
                Assert.True(exitCode == 0, $"{file}: '{service.Name}' check does not parse under dash: {output}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public async Task WithTheExampleEnvironmentAsShipped_NothingStarts_UntilItsSecretsAreSet(string file)
    {
        var compose = FindOnPath("docker-compose");
        Assert.SkipWhen(compose is null, "docker-compose is not installed (.ci/run installs Debian's).");

        var (exitCode, output) = await RunAsync(
            [compose!, "--env-file", Path.Combine("deploy", "example.env"), "-f", file, "config"], new Dictionary<string, string>(), RepositoryRoot.Path);

        Assert.NotEqual(0, exitCode);
        Assert.Matches("set [A-Z_]*PASSWORD", output);
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public async Task TheAppsCheck_AsDockerRunsIt_PassesWhileTheAppRuns_AndFailsOnceItIsGone(string file)
    {
        var services = await ReadAsync(file);
        var app = services.Single(s => s.Name == "app");
        Assert.Equal(["CMD", "dotnet", "Scheduling.Web.dll", "probe"], app.Check);

        // The one-off migrate service first when the file has one (the app waits for it), then the app.
        var dataFolder = Directory.CreateTempSubdirectory("tace-compose-app-").FullName;
        if (services.SingleOrDefault(s => s.Name == "migrate") is { } migrate)
        {
            var (migrated, migrateOutput) = await RunAsync(
                ["dotnet", "Scheduling.Web.dll", .. migrate.Command], Here(migrate.Environment, dataFolder), AppContext.BaseDirectory);
            Assert.True(migrated == 0, $"{file}: the migrate service failed: {migrateOutput}");
        }

        await using var server = await AppServer.StartAsync(Here(app.Environment, dataFolder), TestContext.Current.CancellationToken);

        // Exec form in the image's working directory (/app there, where Scheduling.Web.dll is), judged as
        // Docker judges it (HealthyAsDockerJudgesAsync): a just-started app's first readiness answer can take
        // longer than the check's own timeout on a busy machine, and Docker marks it healthy at the first pass.
        var (exitCode, output) = await HealthyAsDockerJudgesAsync(app, server.Environment);
        Assert.True(exitCode == 0, $"{file}: the app's health check failed against the running app {app.Retries} times in a row (last exit {exitCode}): {output}\nApp output:\n{server.Output}");
        Assert.StartsWith("ready: 200", output, StringComparison.Ordinal);

        await server.StopAsync();
        (exitCode, output) = await RunCheckAsync(app, server.Environment);
        Assert.True(exitCode != 0, $"{file}: the app's health check passed with the app stopped: {output}");
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public async Task TheProxysCheck_AsDockerRunsIt_PassesWhileCaddyRuns_AndFailsOnceItIsGone(string file)
    {
        Assert.SkipWhen(CaddyProxy.Executable is null, "Debian's caddy is not installed (.ci/run installs it).");
        SkipWithoutDash();
        var proxy = (await ReadAsync(file)).Single(s => s.Name == "proxy");

        // Caddy with the compose file's proxy environment, on free loopback ports instead of 80, 443 and 2019.
        var caddy = await CaddyProxy.StartAsync("127.0.0.1:9", proxy.Environment, TestContext.Current.CancellationToken);
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await HealthyAsDockerJudgesAsync(proxy, caddy.Environment);
            Assert.True(exitCode == 0, $"{file}: the proxy's health check failed against running Caddy: {output}\n{caddy.Output}");
        }
        finally
        {
            await caddy.DisposeAsync();
        }

        (exitCode, output) = await RunCheckAsync(proxy, caddy.Environment);
        Assert.True(exitCode != 0, $"{file}: the proxy's health check passed with Caddy stopped: {output}");
    }

    [Fact]
    public async Task ThePostgreSqlCheck_AsDockerRunsIt_PassesAgainstARunningServer_AndFailsWhereNoneListens()
    {
        var connection = Environment.GetEnvironmentVariable("TEST_POSTGRES_CONNECTION");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(connection), "PostgreSQL is not configured (TEST_POSTGRES_CONNECTION).");
        var server = new NpgsqlConnectionStringBuilder(connection);
        Assert.SkipUnless(server.Host == "127.0.0.1", "The check asks 127.0.0.1, as inside its container; the test server is elsewhere.");
        var postgres = (await ReadAsync("docker-compose.postgres.yml")).Single(s => s.Name == "postgres");
        Assert.SkipWhen(FindOnPath(postgres.Check[1]) is null, $"{postgres.Check[1]} is not installed (Debian's postgresql package; .ci/run installs it).");

        // The container's PGPORT is the default 5432; here the server's port is the test server's.
        var environment = new Dictionary<string, string>(postgres.Environment) { ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var (exitCode, output) = await HealthyAsDockerJudgesAsync(postgres, environment);
        Assert.True(exitCode == 0, $"The PostgreSQL health check failed against the running server: {output}");

        environment["PGPORT"] = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (exitCode, output) = await RunCheckAsync(postgres, environment);
        Assert.True(exitCode != 0, $"The PostgreSQL health check passed where no server listens: {output}");
    }

    /// <summary>
    /// A service's own environment with only what points at the containers around it replaced: the
    /// database (SQLite in a folder of its own here) and the data folder. (AppServer adds the port.)
    /// </summary>
    private static Dictionary<string, string> Here(IReadOnlyDictionary<string, string> environment, string dataFolder)
    {
        var here = new Dictionary<string, string>(environment)
        {
            ["Database__Provider"] = "Sqlite",
            ["Storage__DataFolder"] = dataFolder,
        };
        here.Remove("ConnectionStrings__Scheduling");
        if (environment.TryGetValue("DataProtection__CertificatePath", out var mounted))
        {
            // The key ring's certificate compose mounts from deploy/keys (README "Keys"), made here with
            // the password the .env gives it.
            Assert.StartsWith("/keys/", mounted, StringComparison.Ordinal);
            var certificate = Path.Combine(dataFolder, Path.GetFileName(mounted));
            here["DataProtection__CertificatePath"] = File.Exists(certificate)
                ? certificate
                : KeyRingCertificates.Write(dataFolder, Path.GetFileName(mounted), environment["DataProtection__CertificatePassword"]);
        }

        return here;
    }

    private static void SkipWithoutDash() =>
        Assert.SkipUnless(File.Exists(Dash), "dash is not installed (.ci/run installs it): CMD-SHELL checks run under dash, the image's /bin/sh.");

    /// <summary>
    /// The check run as Docker runs it to decide "healthy": again after each failure, up to the service's
    /// <c>retries</c> (Docker's default 3), healthy at the first pass, unhealthy only after that many failures
    /// in a row. Returns the passing run, or the last failing one.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> HealthyAsDockerJudgesAsync(ComposeService service, IReadOnlyDictionary<string, string> environment)
    {
        var result = await RunCheckAsync(service, environment);
        for (var failures = 1; result.ExitCode != 0 && failures < service.Retries; failures++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            result = await RunCheckAsync(service, environment);
        }

        return result;
    }

    /// <summary>CMD: the list is the argument vector. CMD-SHELL: <c>/bin/sh -c STRING</c>, with dash as /bin/sh.</summary>
    private static Task<(int ExitCode, string Output)> RunCheckAsync(ComposeService service, IReadOnlyDictionary<string, string> environment) =>
        service.Check switch
        {
            ["CMD", _, ..] => RunAsync(service.Check.Skip(1).ToList(), environment, AppContext.BaseDirectory),
            ["CMD-SHELL", var command] => RunAsync([Dash, "-c", command], environment, AppContext.BaseDirectory),
            _ => throw new Xunit.Sdk.XunitException($"'{service.Name}' has no check to run: {string.Join(' ', service.Check)}"),
        };

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        // Docker gives a health check its timeout and then counts it as failed; so does this, rather
        // than holding the run on a check that never answers.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{string.Join(' ', argv)}' did not end within 2 minutes:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>The compose file as <c>docker-compose config</c> resolves it with the example environment.</summary>
    private static async Task<IReadOnlyList<ComposeService>> ReadAsync(string file)
    {
        var compose = FindOnPath("docker-compose");
        Assert.SkipWhen(compose is null, "docker-compose is not installed (.ci/run installs Debian's).");
        var envFile = Path.Combine(Directory.CreateTempSubdirectory("tace-compose-").FullName, "ci.env");
        try
        {
            // deploy/example.env as an IT person fills it in: every empty secret set.
            var lines = (await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot.Path, "deploy", "example.env"), TestContext.Current.CancellationToken))
                .Select(line => EmptySecret().IsMatch(line) ? line + "ci-Only-Secret-1" : line);
            await File.WriteAllLinesAsync(envFile, lines, TestContext.Current.CancellationToken);
            var (exitCode, output) = await RunAsync(
                [compose!, "--env-file", envFile, "-f", file, "--profile", "dev", "config"], new Dictionary<string, string>(), RepositoryRoot.Path);
            Assert.True(exitCode == 0, $"docker-compose config -f {file} failed: {output}");
            return Parse(output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(envFile)!, recursive: true);
        }
    }

    private static List<ComposeService> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var services = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        return services.Children.Select(entry =>
        {
            var service = (YamlMappingNode)entry.Value;
            var check = service.Children.TryGetValue(new YamlScalarNode("healthcheck"), out var healthcheck)
                && ((YamlMappingNode)healthcheck).Children.TryGetValue(new YamlScalarNode("test"), out var test)
                    ? test switch
                    {
                        YamlSequenceNode list => list.Children.Select(Scalar).ToList(),
                        var single => ["CMD-SHELL", Scalar(single)],
                    }
                    : [];
            var environment = service.Children.TryGetValue(new YamlScalarNode("environment"), out var env)
                ? ((YamlMappingNode)env).Children.ToDictionary(e => Scalar(e.Key), e => Scalar(e.Value), StringComparer.Ordinal)
                : [];
            var retries = service.Children.TryGetValue(new YamlScalarNode("healthcheck"), out var settings)
                && ((YamlMappingNode)settings).Children.TryGetValue(new YamlScalarNode("retries"), out var count)
                    ? int.Parse(Scalar(count), System.Globalization.CultureInfo.InvariantCulture)
                    : 3;
            var restart = service.Children.TryGetValue(new YamlScalarNode("restart"), out var policy) ? Scalar(policy) : "no";
            var command = service.Children.TryGetValue(new YamlScalarNode("command"), out var words) && words is YamlSequenceNode commandWords
                ? commandWords.Children.Select(Scalar).ToList()
                : [];
            return new ComposeService(Scalar(entry.Key), check, environment, restart, command, retries);
        }).ToList();
    }

    // docker-compose config writes a literal $ as $$; Docker receives one $, which the container's shell expands.
    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value?.Replace("$$", "$", StringComparison.Ordinal) ?? string.Empty;

    [GeneratedRegex("^(MSSQL_SA_PASSWORD|DB_MIGRATOR_PASSWORD|DB_APP_PASSWORD|POSTGRES_PASSWORD|APP_DB_PASSWORD|DATA_PROTECTION_CERT_PASSWORD|BOOTSTRAP_ADMIN_PASSWORD)=$")]
    private static partial Regex EmptySecret();

    private sealed record ComposeService(
        string Name, IReadOnlyList<string> Check, IReadOnlyDictionary<string, string> Environment, string Restart, IReadOnlyList<string> Command, int Retries);
}
