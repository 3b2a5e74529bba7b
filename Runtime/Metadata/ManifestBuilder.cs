using GameCluster.Invocation;

namespace GameCluster.Metadata;

/// <summary>Collects what generated manifest providers register.</summary>
public sealed class ManifestBuilder
{
    internal List<GrainInterfaceInfo> Interfaces { get; } = [];

    internal List<GrainClassInfo> Classes { get; } = [];

    internal List<(RequestMetadata Metadata, Func<RequestBase> Create)> Requests { get; } = [];

    /// <summary>Registers a grain interface.</summary>
    public void AddInterface(GrainInterfaceInfo info) => Interfaces.Add(info);

    /// <summary>Registers a grain class.</summary>
    public void AddGrainClass(GrainClassInfo info) => Classes.Add(info);

    /// <summary>Registers a request type, so incoming calls can be deserialized by method key.</summary>
    public void AddRequest(RequestMetadata metadata, Func<RequestBase> create) => Requests.Add((metadata, create));
}
