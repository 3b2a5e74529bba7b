namespace GameCluster.Bench.Gateway;

/// <summary>Which gateway deployments the <c>sockets</c> scenario measures (<c>--topology</c>).</summary>
[Flags]
public enum SocketsTopology
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The silo host co-hosting the gateway in one process (the embedded default).</summary>
    CoHosted = 1,

    /// <summary>The production topology: a standalone gateway process (a cluster client) in front of one silo process, Redis clustering.</summary>
    Standalone = 2,

    /// <summary>Both, co-hosted first.</summary>
    Both = CoHosted | Standalone,
}
