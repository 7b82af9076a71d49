using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

using MimeKit;

using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Scheduling.TestSupport;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package): the app's MailKit client talks
/// SMTP to it exactly as to a production relay, and tests read what arrived.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly Hold _hold = new();

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(builder => builder.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(_received, _hold, _stop.Token));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => _received.ToArray();

    /// <summary>Messages whose SMTP transaction is being held open without an answer (see <see cref="HoldAfter"/>).</summary>
    public int HeldCount => Volatile.Read(ref _hold.Held);

    /// <summary>
    /// After <paramref name="accepted"/> messages have been accepted, every further message is held:
    /// the client waits for the server's answer, which never comes while this server runs (at dispose
    /// it gets a transient refusal), and the message is not stored. A sender killed meanwhile has
    /// therefore handed nothing over, which makes "killed while sending" a state a test can reach.
    /// </summary>
    public void HoldAfter(int accepted) => Volatile.Write(ref _hold.AcceptLimit, accepted);

    /// <summary>Waits until at least <paramref name="count"/> messages are being held.</summary>
    public async Task WaitForHeldAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (HeldCount < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Settings that point the app's SMTP sender at this server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:UseTls"] = "false",
    };

    public static TestSmtpServer Start() => new(FreePort());

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (SMTP is asynchronous).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Hold
    {
        public int AcceptLimit = int.MaxValue;
        public int Accepted;
        public int Held;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received, Hold hold, CancellationToken stopping) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref hold.Accepted) > Volatile.Read(ref hold.AcceptLimit))
            {
                Interlocked.Increment(ref hold.Held);
                try
                {
                    await Task.Delay(Timeout.Infinite, stopping);
                }
                catch (OperationCanceledException)
                {
                    // The server is stopping: refuse, transiently, what was never stored.
                }

                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "held by the test server");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
