namespace GameCluster.Tests.Storage;

/// <summary>The smallest <see cref="IGrainState{TState}"/>: what a grain's persistent state hands to its storage provider.</summary>
public sealed class TestGrainState<TState> : IGrainState<TState>
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public void ResetState() => State = new();
}
