using System.Collections.Concurrent;
using GameCluster.Membership;

namespace GameCluster.GrainDirectory;

/// <summary>
/// The grain directory in process memory, for the embedded one-silo default and tests: same single-winner
/// semantics as the Redis directory. Thread-safe.
/// </summary>
public sealed class InMemoryGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _entries = new();

    /// <inheritdoc />
    public Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_entries.GetOrAdd(address.GrainId, address));
    }

    /// <inheritdoc />
    public Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_entries.TryGetValue(grainId, out var address) ? address : null);
    }

    /// <inheritdoc />
    public Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        cancellationToken.ThrowIfCancellationRequested();

        // Removes the pair only if the value still equals the address: a compare-and-delete.
        return Task.FromResult(_entries.TryRemove(KeyValuePair.Create(address.GrainId, address)));
    }

    /// <inheritdoc />
    public Task UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silos);
        cancellationToken.ThrowIfCancellationRequested();
        if (silos.Count == 0)
        {
            return Task.CompletedTask;
        }

        var dead = silos as IReadOnlySet<SiloAddress> ?? silos.ToHashSet();
        foreach (var entry in _entries)
        {
            if (dead.Contains(entry.Value.Silo))
            {
                _entries.TryRemove(entry);
            }
        }

        return Task.CompletedTask;
    }
}
