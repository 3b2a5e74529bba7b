namespace GameCluster.Invocation;

/// <summary>Scheduling properties of a grain interface method.</summary>
[Flags]
public enum RequestFlags
{
    /// <summary>An ordinary request.</summary>
    None = 0,

    /// <summary>The method is <see cref="ReadOnlyAttribute"/>.</summary>
    ReadOnly = 1,

    /// <summary>The method is <see cref="AlwaysInterleaveAttribute"/>.</summary>
    AlwaysInterleave = 2,

    /// <summary>The method is <see cref="OneWayAttribute"/>.</summary>
    OneWay = 4,
}
