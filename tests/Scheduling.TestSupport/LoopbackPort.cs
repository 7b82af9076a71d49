using System.Net;
using System.Net.Sockets;

namespace Scheduling.TestSupport;

/// <summary>
/// A loopback TCP port nobody listens on, for a server that must be told its port before it starts
/// (Kestrel cannot bind "localhost" to port 0; Caddy, the app as a process, a test app that writes its
/// address into the links it sends). Taken below Linux's ephemeral range (32768 and up), so an outgoing
/// connection cannot be given it between this check and the server's bind; never the same one twice in
/// this process.
/// </summary>
public static class LoopbackPort
{
    private static readonly HashSet<int> Given = [];

    public static int Free()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (Given.Contains(port))
                {
                    continue;
                }

                try
                {
                    using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    Given.Add(port);
                    return port;
                }
                catch (SocketException)
                {
                    // In use: try another.
                }
            }

            throw new InvalidOperationException("No free loopback port between 20000 and 32000.");
        }
    }
}
