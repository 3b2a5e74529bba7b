using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.TestGrains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> GetActivationIdAsync();

    Task<string> GetKeyAsync();

    Task DeactivateAsync();
}

public sealed class LifecycleGrain(GrainProbe probe) : Grain, ILifecycleGrain
{
    private readonly string _activationId = Guid.NewGuid().ToString("N");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{this.GetPrimaryKeyString()}:{reason}");
        return Task.CompletedTask;
    }

    public Task<string> GetActivationIdAsync() => Task.FromResult(_activationId);

    public Task<string> GetKeyAsync() => Task.FromResult(this.GetPrimaryKeyString());

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
