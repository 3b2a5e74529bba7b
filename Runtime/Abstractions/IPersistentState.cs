namespace GameCluster;

/// <summary>
/// A named piece of durable grain state. Writes use optimistic concurrency: a write based on a stale
/// <see cref="Etag"/> throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The state; a fresh default instance when no record exists.</summary>
    TState State { get; set; }

    /// <summary>The version token of the stored record, or <see langword="null"/> when none was ever written.</summary>
    string? Etag { get; }

    /// <summary>Whether storage holds a record for this state.</summary>
    bool RecordExists { get; }

    /// <summary>
    /// When the stored record expires, or <see langword="null"/> (the default) to keep it for ever. Written with
    /// the state by <see cref="WriteStateAsync"/>. From that moment a read finds no record, and the silos' expired
    /// state sweep deletes the row later (<c>Storage:Expiry</c>). For state that is never written again after it
    /// expires, such as a credential: a row deleted and written anew starts its versions over.
    /// </summary>
    DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Reads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; once this completes the write is durable.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the stored state and resets <see cref="State"/> to a default instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
