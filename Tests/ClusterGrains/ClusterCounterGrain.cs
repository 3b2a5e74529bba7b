using GameCluster.Membership;

namespace GameCluster.Tests.ClusterGrains;

/// <summary>A counter for cluster tests run in silo processes: it persists how often it was activated.</summary>
public interface IClusterCounterGrain : IGrainWithStringKey
{
    Task<long> AddAsync(long amount);

    Task<string> GetActivationAsync();
}

public sealed class ClusterCounterState
{
    public long Value { get; set; }

    public int Activations { get; set; }
}

public sealed class ClusterCounterGrain([PersistentState("counter")] IPersistentState<ClusterCounterState> state, LocalSilo localSilo) : Grain, IClusterCounterGrain
{
    private readonly string _activationId = Guid.NewGuid().ToString("N");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.Activations++;
        await state.WriteStateAsync(cancellationToken);
    }

    public async Task<long> AddAsync(long amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<string> GetActivationAsync() => Task.FromResult($"{localSilo.Address}#{_activationId}");
}
