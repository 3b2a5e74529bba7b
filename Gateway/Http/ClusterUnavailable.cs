namespace GameCluster.Gateway.Http;

/// <summary>
/// Grain call failures that mean the cluster is busy or restarting, not that the request was wrong: HTTP answers them
/// 503 and the socket with the <c>unavailable</c> code, both with <see cref="Message"/>, and the client retries.
/// </summary>
public static class ClusterUnavailable
{
    /// <summary>What the client is told.</summary>
    public const string Message = "The game cluster is busy or restarting; retry shortly.";

    /// <summary>Whether <paramref name="exception"/> is such a failure: a silo gone, a timeout, no connection, an overloaded grain.</summary>
    public static bool Is(Exception exception) =>
        exception is SiloUnavailableException or GrainCallTimeoutException or ClientNotConnectedException or GrainOverloadedException;
}
