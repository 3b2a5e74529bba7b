namespace GameCluster.Runtime;

/// <summary>Well-known grain storage names.</summary>
public static class GrainStorageNames
{
    /// <summary>The storage used when <see cref="PersistentStateAttribute.StorageName"/> is omitted.</summary>
    public const string Default = "Default";
}
