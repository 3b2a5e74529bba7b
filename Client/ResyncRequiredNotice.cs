namespace GameCluster.Client;

/// <summary>
/// The pushes after <paramref name="LastSeq"/> are no longer buffered on the gateway: reload state (e.g. the profile);
/// the push stream continues after <paramref name="LatestSeq"/>.
/// </summary>
/// <param name="LastSeq">The last push this client had seen.</param>
/// <param name="LatestSeq">The newest push sequence; pushes after it follow.</param>
public sealed record ResyncRequiredNotice(long LastSeq, long LatestSeq);
