using System.Diagnostics;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

[Collection(SiloCollection.Name)]
public sealed class CallChainTests(SiloFixture fixture)
{
    [Fact]
    public async Task CallCycle_BetweenNonReentrantGrains_FailsFastWithDeadlockException()
    {
        var a = fixture.GrainFactory.GetGrain<ICycleGrain>(TestServices.NewKey("a"));
        var b = fixture.GrainFactory.GetGrain<ICycleGrain>(TestServices.NewKey("b"));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallThroughAsync(b));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Contains(a.GetGrainId().ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(" -> ", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("pong", await a.PingAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallCycle_BetweenReentrantGrains_Completes()
    {
        var a = fixture.GrainFactory.GetGrain<IReentrantCycleGrain>(TestServices.NewKey("a"));
        var b = fixture.GrainFactory.GetGrain<IReentrantCycleGrain>(TestServices.NewKey("b"));

        Assert.Equal("pong from " + a.GetPrimaryKeyString(), await a.CallThroughAsync(b));
    }

    [Fact]
    public async Task CallWithoutResponse_FailsWithTimeout_WithinTheConfiguredLimit()
    {
        await using var silo = await TestSilo.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["Messaging:ResponseTimeout"] = "00:00:01",
            ["Grains:DeactivationTimeout"] = "00:00:01",
        });
        var grain = silo.GrainFactory.GetGrain<IHangGrain>(TestServices.NewKey());
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.WaitForeverAsync());

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Contains(nameof(IHangGrain.WaitForeverAsync), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallThatExpiredWhileQueued_IsNotRunAfterItsCallerGaveUp()
    {
        await using var silo = await TestSilo.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["Messaging:ResponseTimeout"] = "00:00:01",
        });
        var grain = silo.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey());

        var first = grain.WorkAsync(1, 1_500);
        var second = grain.WorkAsync(2, 10);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => second);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => first);
        await Task.Delay(700, TestContext.Current.CancellationToken);

        var report = await grain.GetReportAsync();
        Assert.DoesNotContain("start 2", report.Trace);
        Assert.Contains("end 1", report.Trace);
    }
}
