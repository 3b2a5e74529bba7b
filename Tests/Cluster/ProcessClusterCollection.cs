namespace GameCluster.Tests.Cluster;

/// <summary>Tests that start silo processes run one at a time: each starts several processes on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessClusterCollection
{
    public const string Name = "Silo processes";
}
