using GameCluster.Membership;

namespace GameCluster.GrainDirectory;

/// <summary>Where one activation of a grain lives.</summary>
/// <param name="GrainId">The grain.</param>
/// <param name="Silo">The silo running the activation.</param>
/// <param name="ActivationId">The activation, unique across the cluster's lifetime.</param>
public sealed record GrainAddress(GrainId GrainId, SiloAddress Silo, string ActivationId);
