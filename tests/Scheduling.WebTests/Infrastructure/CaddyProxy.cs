using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using Scheduling.TestSupport;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// Debian's caddy running the repository's own deploy/caddy/Caddyfile (the one the compose files
/// mount), with internal TLS, in front of an upstream on loopback. Every port is a free one; its
/// certificate authority, data and config live in a temporary folder; the process is killed on dispose.
/// </summary>
public sealed class CaddyProxy : IAsyncDisposable
{
    public const string PublicHost = "tace.clinic.example";

    private readonly Process _process;
    private readonly string _home;
    private readonly StringBuilder _output = new();

    private CaddyProxy(Process process, string home, int httpsPort, int httpPort, int adminPort, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        _home = home;
        HttpsPort = httpsPort;
        HttpPort = httpPort;
        AdminPort = adminPort;
        Environment = environment;
    }

    public static string Caddyfile { get; } = Path.Combine(RepositoryRoot.Path, "deploy", "caddy", "Caddyfile");

    /// <summary>Null when Debian's caddy is not installed here (.ci/run installs it).</summary>
    public static string? Executable { get; } = new[] { "/usr/bin/caddy", "/usr/local/bin/caddy" }.FirstOrDefault(File.Exists);

    public int HttpsPort { get; }

    public int HttpPort { get; }

    public int AdminPort { get; }

    /// <summary>The variables the Caddyfile reads, as the compose file's proxy service sets them (ports excepted).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public Uri HttpsBase => new($"https://{PublicHost}:{HttpsPort}");

    public Uri HttpBase => new($"http://{PublicHost}:{HttpPort}");

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

    public static async Task<CaddyProxy> StartAsync(string upstream, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("tace-caddy-").FullName;
        var (https, http, admin) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var values = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["PUBLIC_HOST"] = PublicHost,
            ["TLS_MODE"] = "internal",
            ["APP_UPSTREAM"] = upstream,
            ["CADDY_ADMIN"] = $"127.0.0.1:{admin}",
            ["HTTP_PORT"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HTTPS_PORT"] = https.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var start = new ProcessStartInfo(Executable ?? "caddy")
        {
            WorkingDirectory = home,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--config", Caddyfile, "--adapter", "caddyfile" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(home, "data");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, "config");
        foreach (var (key, value) in values)
        {
            start.Environment[key] = value;
        }

        var proxy = new CaddyProxy(Process.Start(start)!, home, https, http, admin, values);
        proxy._process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        proxy._process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        proxy._process.BeginOutputReadLine();
        proxy._process.BeginErrorReadLine();
        try
        {
            await proxy.WaitUntilServingAsync(cancellationToken);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    /// <summary>
    /// A client that reaches the proxy from <paramref name="clientAddress"/> (any 127.x.y.z address:
    /// Linux routes all of 127/8 to loopback, so two clients can have two addresses), trusts Caddy's
    /// own root certificate only, keeps cookies and does not follow redirects.
    /// </summary>
    public HttpClient CreateClient(IPAddress clientAddress, CookieContainer? cookies = null)
    {
        var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_home, "data", "caddy", "pki", "authorities", "local", "root.crt"));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(clientAddress, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, presented, errors) =>
                {
                    if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                    {
                        return false;
                    }

                    // Caddy's chain: its root (trusted here, and only here) -> its intermediate (sent by the server) -> the site.
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    foreach (var element in presented?.ChainElements.Select(e => e.Certificate) ?? [])
                    {
                        chain.ChainPolicy.ExtraStore.Add(element);
                    }

                    return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = HttpsBase, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        Directory.Delete(_home, recursive: true);
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

    /// <summary>Until the admin API answers and the site's certificate (made by Caddy's own CA at start) is served.</summary>
    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        var rootFile = Path.Combine(_home, "data", "caddy", "pki", "authorities", "local", "root.crt");
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"caddy exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if (File.Exists(rootFile)
                    && (await admin.GetAsync($"http://127.0.0.1:{AdminPort}/config/", deadline.Token)).IsSuccessStatusCode
                    && await ServesItsCertificateAsync(deadline.Token))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or System.Security.Authentication.AuthenticationException
                && !deadline.IsCancellationRequested)
            {
                // Not up yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"caddy did not serve {PublicHost} within 2 minutes:\n{Output}");
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    private async Task<bool> ServesItsCertificateAsync(CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, HttpsPort, cancellationToken);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = PublicHost }, cancellationToken);
        return tls.RemoteCertificate is not null;
    }
}
