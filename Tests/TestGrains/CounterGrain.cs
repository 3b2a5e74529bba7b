using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<long> AddAsync(long amount);

    Task<long> SlowAddAsync(long amount, int delayMs);

    [ReadOnly]
    Task<long> GetAsync();

    Task ClearAsync();

    Task DeactivateAsync();
}

public sealed class CounterState
{
    public long Value { get; set; }
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, GrainProbe probe) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"counter-activate:{this.GetPrimaryKeyString()}:{state.State.Value}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"counter-deactivate:{this.GetPrimaryKeyString()}:{reason}");
        return Task.CompletedTask;
    }

    public async Task<long> AddAsync(long amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public async Task<long> SlowAddAsync(long amount, int delayMs)
    {
        await Task.Delay(delayMs);
        return await AddAsync(amount);
    }

    public Task<long> GetAsync() => Task.FromResult(state.State.Value);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
