using System.Collections.Concurrent;

namespace GameCluster.Storage;

/// <summary>
/// Grain storage in process memory, for tests and benchmarks: same ETag rules as the SQL providers, state kept as
/// JSON so that no activation shares objects with storage, and the same expiry. Lost when the process exits.
/// </summary>
internal sealed class MemoryGrainStorage(string name, GrainStateSerializer serializer, TimeProvider timeProvider) : IGrainStorage, IExpiringGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), StoredState> _states = new();

    public string Name => name;

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.ResetState();
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.ExpiresAt = null;
            return Task.CompletedTask;
        }

        var exists = stored.Json is not null && !StateExpiry.HasExpired(stored.ExpiresAt, timeProvider);
        if (exists)
        {
            grainState.State = serializer.Deserialize(stored.Json!, () => { grainState.ResetState(); return grainState.State; });
        }
        else
        {
            grainState.ResetState();
        }

        grainState.ETag = EtagVersion.Format(stored.Version);
        grainState.RecordExists = exists;
        grainState.ExpiresAt = exists ? stored.ExpiresAt : null;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        var version = Swap(stateName, grainId, grainState.ETag, serializer.Serialize(grainState.State), grainState.ExpiresAt);
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        var version = Swap(stateName, grainId, grainState.ETag, json: null, expiresAt: null);
        grainState.ResetState();
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = false;
        grainState.ExpiresAt = null;
        return Task.CompletedTask;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var (key, stored) in _states)
        {
            if (deleted == limit)
            {
                break;
            }

            if (stored.ExpiresAt <= now && _states.TryRemove(new KeyValuePair<(string, GrainId), StoredState>(key, stored)))
            {
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    private long Swap(string stateName, GrainId grainId, string? etag, string? json, DateTimeOffset? expiresAt)
    {
        var key = (stateName, grainId);
        if (etag is null)
        {
            return _states.TryAdd(key, new StoredState(json, 1, expiresAt)) ? 1 : throw Conflict(stateName, grainId, etag);
        }

        var expected = EtagVersion.Parse(etag, grainId, stateName);
        if (_states.TryGetValue(key, out var current) && current.Version == expected
            && _states.TryUpdate(key, new StoredState(json, expected + 1, expiresAt), current))
        {
            return expected + 1;
        }

        throw Conflict(stateName, grainId, etag);
    }

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? etag) =>
        new($"State '{stateName}' of {grainId} was changed by another activation since this one read it (held ETag {etag ?? "none"}); the write was rejected.", null, etag);

    private sealed record StoredState(string? Json, long Version, DateTimeOffset? ExpiresAt);
}
