using GameCluster.Membership;

namespace GameCluster.Tests.ClusterGrains;

/// <summary>Makes calls from the silo it lives on; hash placement lets a test put one on each silo.</summary>
public interface ICallRelayGrain : IGrainWithStringKey
{
    Task<string> GetSiloAsync();

    Task<List<string>> GetActivationsAsync(List<string> counterKeys);

    Task<string> GetSiloOfAsync(ICallRelayGrain other);
}

[HashBasedPlacement]
public sealed class CallRelayGrain(LocalSilo localSilo) : Grain, ICallRelayGrain
{
    public Task<string> GetSiloAsync() => Task.FromResult(localSilo.Address.ToString());

    public Task<string> GetSiloOfAsync(ICallRelayGrain other) => other.GetSiloAsync();

    public async Task<List<string>> GetActivationsAsync(List<string> counterKeys) =>
        [.. await Task.WhenAll(counterKeys.Select(k => GrainFactory.GetGrain<IClusterCounterGrain>(k).GetActivationAsync()))];
}
