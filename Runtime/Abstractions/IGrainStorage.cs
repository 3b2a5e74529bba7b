namespace GameCluster;

/// <summary>A grain storage provider. Implementations enforce the ETag check on write and clear.</summary>
public interface IGrainStorage
{
    /// <summary>Reads the state; leaves a default state with <c>RecordExists = false</c> when there is none.</summary>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);

    /// <summary>Writes the state if the stored ETag equals <see cref="IGrainState{TState}.ETag"/>, then updates the ETag.</summary>
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);

    /// <summary>Clears the state if the stored ETag equals <see cref="IGrainState{TState}.ETag"/>.</summary>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);
}
