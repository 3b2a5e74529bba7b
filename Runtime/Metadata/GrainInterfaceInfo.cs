using GameCluster.Invocation;

namespace GameCluster.Metadata;

/// <summary>A grain interface and its generated proxy.</summary>
/// <param name="InterfaceType">The interface.</param>
/// <param name="Name">Its full name.</param>
/// <param name="CreateProxy">Creates a reference implementing the interface.</param>
public sealed record GrainInterfaceInfo(Type InterfaceType, string Name, Func<IGrainCallInvoker, GrainId, GrainReference> CreateProxy);
