using System.Collections.Concurrent;

namespace GameCluster.Storage;

/// <summary>
/// Grain storage in process memory, for tests and benchmarks: same ETag rules as the SQL providers, state kept as
/// JSON so that no activation shares objects with storage. Lost when the process exits.
/// </summary>
internal sealed class MemoryGrainStorage(GrainStateSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), StoredState> _states = new();

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.ResetState();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        if (stored.Json is null)
        {
            grainState.ResetState();
        }
        else
        {
            grainState.State = serializer.Deserialize(stored.Json, () => { grainState.ResetState(); return grainState.State; });
        }

        grainState.ETag = EtagVersion.Format(stored.Version);
        grainState.RecordExists = stored.Json is not null;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        var version = Swap(stateName, grainId, grainState.ETag, serializer.Serialize(grainState.State));
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        var version = Swap(stateName, grainId, grainState.ETag, null);
        grainState.ResetState();
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private long Swap(string stateName, GrainId grainId, string? etag, string? json)
    {
        var key = (stateName, grainId);
        if (etag is null)
        {
            return _states.TryAdd(key, new StoredState(json, 1)) ? 1 : throw Conflict(stateName, grainId, etag);
        }

        var expected = EtagVersion.Parse(etag, grainId, stateName);
        if (_states.TryGetValue(key, out var current) && current.Version == expected
            && _states.TryUpdate(key, new StoredState(json, expected + 1), current))
        {
            return expected + 1;
        }

        throw Conflict(stateName, grainId, etag);
    }

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? etag) =>
        new($"State '{stateName}' of {grainId} was changed by another activation since this one read it (held ETag {etag ?? "none"}); the write was rejected.", null, etag);

    private sealed record StoredState(string? Json, long Version);
}
