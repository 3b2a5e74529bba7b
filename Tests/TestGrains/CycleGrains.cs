namespace GameCluster.Tests.TestGrains;

public interface ICycleGrain : IGrainWithStringKey
{
    Task<string> CallThroughAsync(ICycleGrain other);

    Task<string> CallBackAsync(ICycleGrain caller);

    Task<string> PingAsync();
}

public interface IReentrantCycleGrain : IGrainWithStringKey
{
    Task<string> CallThroughAsync(IReentrantCycleGrain other);

    Task<string> CallBackAsync(IReentrantCycleGrain caller);

    Task<string> PingAsync();
}

public interface IHangGrain : IGrainWithStringKey
{
    Task WaitForeverAsync();

    Task<int> PingAsync();
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    public Task<string> CallThroughAsync(ICycleGrain other) => other.CallBackAsync(this.AsReference<ICycleGrain>());

    public Task<string> CallBackAsync(ICycleGrain caller) => caller.PingAsync();

    public Task<string> PingAsync() => Task.FromResult("pong from " + this.GetPrimaryKeyString());
}

[Reentrant]
public sealed class ReentrantCycleGrain : Grain, IReentrantCycleGrain
{
    public Task<string> CallThroughAsync(IReentrantCycleGrain other) => other.CallBackAsync(this.AsReference<IReentrantCycleGrain>());

    public Task<string> CallBackAsync(IReentrantCycleGrain caller) => caller.PingAsync();

    public Task<string> PingAsync() => Task.FromResult("pong from " + this.GetPrimaryKeyString());
}

public sealed class HangGrain : Grain, IHangGrain
{
    private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitForeverAsync() => _never.Task;

    public Task<int> PingAsync() => Task.FromResult(1);
}
