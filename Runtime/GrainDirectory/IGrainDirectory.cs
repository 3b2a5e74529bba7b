using GameCluster.Membership;

namespace GameCluster.GrainDirectory;

/// <summary>
/// Maps grain ids to their single activation in the cluster. Registration is atomic register-if-absent: when two
/// silos race, both get the same winner back; removal is compare-and-delete, so a loser never removes the winner.
/// </summary>
public interface IGrainDirectory
{
    /// <summary>Registers <paramref name="address"/> unless an entry exists; returns the entry that is registered now.</summary>
    Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken);

    /// <summary>The registered activation, or <see langword="null"/>.</summary>
    Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Removes the entry only if it is exactly <paramref name="address"/>; returns whether it did.</summary>
    Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken);

    /// <summary>Removes every entry that points at one of <paramref name="silos"/> (dead silos).</summary>
    Task UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken);
}
