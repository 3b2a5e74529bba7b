using GameCluster.Membership;

namespace GameCluster.Tests.TestGrains;

/// <summary>A grain whose method blocks its thread, as grain code must not: for the runtime's defences against it.</summary>
public interface IBlockingGrain : IGrainWithStringKey
{
    Task<string> GetSiloAsync();

    Task BlockAsync(int milliseconds);
}

public sealed class BlockingGrain(LocalSilo localSilo) : Grain, IBlockingGrain
{
    public Task<string> GetSiloAsync() => Task.FromResult(localSilo.Address.ToString());

    public Task BlockAsync(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return Task.CompletedTask;
    }
}
