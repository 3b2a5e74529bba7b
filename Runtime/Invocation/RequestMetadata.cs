namespace GameCluster.Invocation;

/// <summary>Describes one grain interface method; generated once per method.</summary>
/// <param name="InterfaceType">The grain interface.</param>
/// <param name="InterfaceName">The interface's full name.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="MethodKey">A stable key naming the method and its parameter types, used on the wire.</param>
/// <param name="Flags">Scheduling properties.</param>
public sealed record RequestMetadata(Type InterfaceType, string InterfaceName, string MethodName, string MethodKey, RequestFlags Flags)
{
    /// <summary>The method's id on the wire: a stable hash of <see cref="MethodKey"/>, unique within a manifest.</summary>
    public uint MethodId { get; } = MethodIds.Of(MethodKey);

    /// <summary>Whether the method may interleave with other read-only requests.</summary>
    public bool IsReadOnly => (Flags & RequestFlags.ReadOnly) != 0;

    /// <summary>Whether the method may interleave with any request.</summary>
    public bool IsAlwaysInterleave => (Flags & RequestFlags.AlwaysInterleave) != 0;

    /// <summary>Whether the caller does not wait for a response.</summary>
    public bool IsOneWay => (Flags & RequestFlags.OneWay) != 0;
}
