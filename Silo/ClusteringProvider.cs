namespace GameCluster.Silo;

/// <summary>How the silo finds its peers.</summary>
public enum ClusteringProvider
{
    /// <summary>A single silo on its own (the embedded default): no membership, no network listener.</summary>
    None,

    /// <summary>Membership and the grain directory in Redis (production).</summary>
    Redis,
}
