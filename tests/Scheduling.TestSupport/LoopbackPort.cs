namespace Scheduling.TestSupport;

/// <summary>
/// A free TCP port on loopback, asked of the OS: Kestrel cannot bind "localhost" to port 0, and a test
/// app that knows its address before it starts can write it into the links it sends.
/// </summary>
public static class LoopbackPort
{
    public static int Free()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
