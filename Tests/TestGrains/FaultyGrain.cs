namespace GameCluster.Tests.TestGrains;

public sealed class GameRuleException(string message) : Exception(message);

public interface IFaultyGrain : IGrainWithStringKey
{
    Task ThrowAsync(string message);

    Task<int> ThrowRuleAsync(string message);

    ValueTask<int> ThrowSynchronouslyAsync();

    Task<int> PingAsync();
}

public sealed class FaultyGrain : Grain, IFaultyGrain
{
    private int _pings;

    public async Task ThrowAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public Task<int> ThrowRuleAsync(string message) => throw new GameRuleException(message);

    public ValueTask<int> ThrowSynchronouslyAsync() => throw new ArgumentException("bad argument", "value");

    public Task<int> PingAsync() => Task.FromResult(++_pings);
}
