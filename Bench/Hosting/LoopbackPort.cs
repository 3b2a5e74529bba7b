using System.Net;
using System.Net.Sockets;

namespace GameCluster.Bench.Hosting;

/// <summary>Free TCP ports on 127.0.0.1.</summary>
public static class LoopbackPort
{
    /// <summary>A port that was free a moment ago (bound to port 0 and released; another process could take it meanwhile).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
