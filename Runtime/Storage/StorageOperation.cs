namespace GameCluster.Storage;

/// <summary>A grain storage operation, as tagged in metrics.</summary>
public enum StorageOperation
{
    /// <summary>A state read.</summary>
    Read,

    /// <summary>A state write.</summary>
    Write,

    /// <summary>A state clear.</summary>
    Clear,
}
