namespace GameCluster.Membership;

/// <summary>One silo's row in the membership table.</summary>
/// <param name="Silo">The silo.</param>
/// <param name="Status">Its status.</param>
/// <param name="SiloName">A human-readable name (host name or pod name).</param>
/// <param name="StartTime">When it started.</param>
/// <param name="IAmAliveTime">Its last heartbeat.</param>
/// <param name="Suspicions">Votes of peers that it missed probes; cleared when it is declared dead or recovers.</param>
public sealed record MembershipEntry(
    SiloAddress Silo,
    MembershipStatus Status,
    string SiloName,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    IReadOnlyList<SuspicionVote> Suspicions);
