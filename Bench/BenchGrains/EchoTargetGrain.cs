using GameCluster.Membership;

namespace GameCluster.Bench.Grains;

/// <summary>The callee of the cross-silo scenario: the smallest useful call, an integer in and the same integer out.</summary>
public interface IEchoTargetGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="value"/>.</summary>
    Task<int> PingAsync(int value);

    /// <summary>The address of the silo this activation lives on.</summary>
    Task<string> GetSiloAsync();

    /// <summary>The garbage collection counters of the silo process this activation lives in.</summary>
    Task<ProcessStats> GetProcessStatsAsync();

    /// <summary>Starts counting this silo process's allocations (see <see cref="AllocationProbe"/>); false when it could not.</summary>
    Task<bool> BeginAllocationCountAsync();

    /// <summary>The bytes this silo process allocated since <see cref="BeginAllocationCountAsync"/>, or -1.</summary>
    Task<long> EndAllocationCountAsync();
}

/// <summary>
/// Does no work, so a call measures only the runtime. Hash placement puts each key on a fixed silo of the current
/// membership, so the bench can pick keys that live on the silo it wants (it asks them with <see cref="GetSiloAsync"/>).
/// </summary>
[HashBasedPlacement]
public sealed class EchoTargetGrain(LocalSilo localSilo) : Grain, IEchoTargetGrain
{
    /// <inheritdoc />
    public Task<int> PingAsync(int value) => Task.FromResult(value);

    /// <inheritdoc />
    public Task<string> GetSiloAsync() => Task.FromResult(localSilo.Address.ToString());

    /// <inheritdoc />
    public Task<ProcessStats> GetProcessStatsAsync() => Task.FromResult(ProcessStats.Capture());

    /// <inheritdoc />
    public Task<bool> BeginAllocationCountAsync() => Task.FromResult(AllocationProbe.Begin());

    /// <inheritdoc />
    public Task<long> EndAllocationCountAsync() => Task.FromResult(AllocationProbe.End());
}
