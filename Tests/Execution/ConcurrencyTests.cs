using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

[Collection(SiloCollection.Name)]
public sealed class ConcurrencyTests(SiloFixture fixture)
{
    [Fact]
    public async Task NonReentrantGrain_ConcurrentRequests_NeverInterleave()
    {
        var grain = fixture.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey());

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => grain.WorkAsync(i, 10)));

        var report = await grain.GetReportAsync();
        Assert.Equal(20, report.Trace.Count);
        for (var i = 0; i < report.Trace.Count; i += 2)
        {
            var id = report.Trace[i]["start ".Length..];
            Assert.Equal($"start {id}", report.Trace[i]);
            Assert.Equal($"end {id}", report.Trace[i + 1]);
        }

        Assert.Equal(1, report.MaxConcurrentRequests);
        Assert.Equal(1, report.MaxConcurrentTurns);
    }

    [Fact]
    public async Task ReentrantGrain_RequestsInterleave_ButTurnsNeverOverlap()
    {
        var grain = fixture.GrainFactory.GetGrain<IReentrantTraceGrain>(TestServices.NewKey());

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => grain.WorkAsync(i, 50)));

        var report = await grain.GetReportAsync();
        Assert.True(report.MaxConcurrentRequests > 1, $"expected interleaving, trace: {string.Join(", ", report.Trace)}");
        Assert.Equal(1, report.MaxConcurrentTurns);
    }

    [Fact]
    public async Task ReadOnlyRequests_InterleaveWithEachOther()
    {
        var grain = fixture.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey());

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => grain.ReadAsync(i, 100)));

        var report = await grain.GetReportAsync();
        Assert.True(report.MaxConcurrentRequests > 1, $"expected read-only interleaving, trace: {string.Join(", ", report.Trace)}");
        Assert.Equal(1, report.MaxConcurrentTurns);
    }

    [Fact]
    public async Task ReadOnlyRequest_WaitsForARunningWriter()
    {
        var grain = fixture.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey());

        var writer = grain.WorkAsync(1, 200);
        await Task.Delay(20, TestContext.Current.CancellationToken);
        await grain.ReadAsync(2, 1);
        await writer;

        var report = await grain.GetReportAsync();
        Assert.Equal(["start 1", "end 1", "read-start 2", "read-end 2"], report.Trace);
    }

    [Fact]
    public async Task AlwaysInterleaveMethod_RunsWhileAnotherRequestIsInFlight()
    {
        var grain = fixture.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey());

        var work = grain.WorkAsync(1, 1_000);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var inFlight = await grain.GetInFlightAsync();

        Assert.False(work.IsCompleted);
        Assert.Equal(1, inFlight);
        await work;
    }

    [Fact]
    public async Task ReadOnlyRequest_DoesNotOvertakeAWriterQueuedBeforeIt()
    {
        var grain = fixture.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey());

        var firstRead = grain.ReadAsync(1, 300);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var writer = grain.WorkAsync(2, 10);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var secondRead = grain.ReadAsync(3, 10);
        await Task.WhenAll(firstRead, writer, secondRead);

        var report = await grain.GetReportAsync();
        Assert.Equal(["read-start 1", "read-end 1", "start 2", "end 2", "read-start 3", "read-end 3"], report.Trace);
    }
}
