namespace GameCluster.Membership;

/// <summary>A peer's vote that a silo missed its probes.</summary>
/// <param name="Voter">The silo that voted.</param>
/// <param name="Time">When it voted.</param>
public sealed record SuspicionVote(SiloAddress Voter, DateTimeOffset Time);
