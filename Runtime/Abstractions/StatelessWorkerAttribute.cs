namespace GameCluster;

/// <summary>
/// The grain class keeps no identity-bound state: each silo may run several activations of the same grain id
/// and spreads calls over them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>The most activations per silo; 0 means one per processor.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}
