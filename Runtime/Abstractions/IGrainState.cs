namespace GameCluster;

/// <summary>The state, ETag and existence flag that a grain storage provider reads and writes.</summary>
public interface IGrainState<TState>
{
    /// <summary>The state.</summary>
    TState State { get; set; }

    /// <summary>The version token of the stored record.</summary>
    string? ETag { get; set; }

    /// <summary>Whether storage holds a record.</summary>
    bool RecordExists { get; set; }

    /// <summary>When the stored record expires (a read after it finds no record); <see langword="null"/> never.</summary>
    DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Resets <see cref="State"/> to a fresh default instance.</summary>
    void ResetState();
}
