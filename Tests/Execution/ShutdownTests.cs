using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

public sealed class ShutdownTests
{
    [Fact]
    public async Task GracefulShutdown_FinishesInFlightRequests_ThenDeactivatesEveryGrain()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = TestServices.NewKey();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        var other = silo.GrainFactory.GetGrain<ILifecycleGrain>(TestServices.NewKey());
        await other.GetKeyAsync();

        var slow = counter.SlowAddAsync(5, delayMs: 500);
        await silo.Probe.WaitForAsync(p => p.Count($"counter-activate:{key}:0") == 1, TimeSpan.FromSeconds(5));
        await silo.StopAsync();

        Assert.Equal(5, await slow);
        Assert.Contains($"counter-deactivate:{key}:ShuttingDown", silo.Probe.Events);
        Assert.Contains($"deactivate:{other.GetPrimaryKeyString()}:ShuttingDown", silo.Probe.Events);
    }

    [Fact]
    public async Task StoppedSilo_RejectsNewActivations_WithSiloUnavailable()
    {
        await using var silo = await TestSilo.StartAsync();
        await silo.StopAsync();

        await Assert.ThrowsAsync<SiloUnavailableException>(() =>
            silo.GrainFactory.GetGrain<ILifecycleGrain>(TestServices.NewKey()).GetKeyAsync());
    }
}
