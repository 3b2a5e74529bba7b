namespace GameCluster.Membership;

/// <summary>Failure detection settings (configuration section <c>Membership</c>). Defaults detect a dead silo in about 8 seconds.</summary>
public sealed class MembershipOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Membership";

    /// <summary>How often each silo probes its peers. Default 2 seconds.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a probe may take before it counts as missed. Default 1 second.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive missed probes before a silo votes its peer suspect. Default 3.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Votes needed to declare a silo dead (capped by the number of other active silos). Default 2.</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>How long a vote counts. Default 30 seconds.</summary>
    public TimeSpan VoteExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a silo writes its heartbeat. Default 5 seconds.</summary>
    public TimeSpan IAmAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a silo re-reads the table. Default 1 second.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is treated as dead even without votes (for example after the whole cluster restarted). Default 60 seconds.</summary>
    public TimeSpan IAmAliveExpiration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Dead rows older than this are removed from the table. Default 1 day.</summary>
    public TimeSpan DefunctEntryExpiration { get; set; } = TimeSpan.FromDays(1);
}
