using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

[Collection(SiloCollection.Name)]
public sealed class TimerTests(SiloFixture fixture)
{
    [Fact]
    public async Task Timer_TicksPeriodically()
    {
        var grain = fixture.GrainFactory.GetGrain<ITimerGrain>(TestServices.NewKey());

        await grain.StartAsync(periodMs: 30, interleave: false);

        await WaitForTicksAsync(grain, 3);
    }

    [Fact]
    public async Task Timer_WaitsForRunningRequest_UnlessItInterleaves()
    {
        var ordered = fixture.GrainFactory.GetGrain<ITimerGrain>(TestServices.NewKey());
        await ordered.StartAsync(periodMs: 20, interleave: false);
        await ordered.BusyAsync(400);
        await WaitForTicksAsync(ordered, 2);
        Assert.Equal(0, (await ordered.GetReportAsync()).TicksDuringBusy);

        var interleaving = fixture.GrainFactory.GetGrain<ITimerGrain>(TestServices.NewKey());
        await interleaving.StartAsync(periodMs: 20, interleave: true);
        await interleaving.BusyAsync(400);
        Assert.True((await interleaving.GetReportAsync()).TicksDuringBusy > 0);
    }

    [Fact]
    public async Task DisposedTimer_StopsTicking()
    {
        var grain = fixture.GrainFactory.GetGrain<ITimerGrain>(TestServices.NewKey());
        await grain.StartAsync(periodMs: 20, interleave: false);
        await WaitForTicksAsync(grain, 2);

        await grain.StopAsync();
        var afterStop = (await grain.GetReportAsync()).Ticks;
        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.Equal(afterStop, (await grain.GetReportAsync()).Ticks);
    }

    private static async Task WaitForTicksAsync(ITimerGrain grain, int ticks)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await grain.GetReportAsync()).Ticks < ticks)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {ticks} ticks within 10 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
