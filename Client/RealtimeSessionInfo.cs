namespace GameCluster.Client;

/// <summary>What the gateway's <c>welcome</c> said about the current socket.</summary>
/// <param name="SessionId">The session id (new for every socket).</param>
/// <param name="PlayerId">The player the socket belongs to.</param>
/// <param name="LatestSeq">The newest push sequence when the socket opened.</param>
/// <param name="Gateway">The gateway (HTTP base URI) the socket is open on.</param>
/// <param name="ResumedFromSeq">The sequence the socket resumed after, or <see langword="null"/> for a fresh start.</param>
public sealed record RealtimeSessionInfo(string SessionId, string PlayerId, long LatestSeq, Uri Gateway, long? ResumedFromSeq);
