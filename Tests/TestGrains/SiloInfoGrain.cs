using GameCluster.Membership;

namespace GameCluster.Tests.TestGrains;

public interface ISiloInfoGrain : IGrainWithStringKey
{
    Task<string> GetSiloAsync();

    Task<string> GetSiloOfAsync(ISiloInfoGrain other);

    Task ThrowAsync(string message);
}

public sealed class SiloInfoGrain(LocalSilo localSilo) : Grain, ISiloInfoGrain
{
    public Task<string> GetSiloAsync() => Task.FromResult(localSilo.Address.ToString());

    public Task<string> GetSiloOfAsync(ISiloInfoGrain other) => other.GetSiloAsync();

    public Task ThrowAsync(string message) => throw new InvalidOperationException(message);
}
