using GameCluster.Messaging;
using GameCluster.Runtime;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

public sealed class WaitingRequestLimitTests : IAsyncLifetime
{
    private const int MaxWaiting = 3;

    private TestSilo? _silo;

    private TestSilo Silo => _silo!;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(configuration: new Dictionary<string, string?>
    {
        ["Grains:MaxWaitingRequests"] = MaxWaiting.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async ValueTask DisposeAsync() => await Silo.DisposeAsync();

    [Fact]
    public async Task CallBeyondTheWaitingLimit_FailsAtOnce_WhileTheQueuedCallsStillRun()
    {
        var grain = Silo.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey());
        await grain.WorkAsync(-1, 0);

        // One call runs and holds the grain; the limit's worth wait; the one after them is refused.
        var calls = Enumerable.Range(0, MaxWaiting + 2).Select(i => grain.WorkAsync(i, 500)).ToArray();
        var refused = await Task.WhenAny(calls);

        var exception = await Assert.ThrowsAsync<GrainOverloadedException>(() => refused);
        Assert.Contains("Grains:MaxWaitingRequests", exception.Message, StringComparison.Ordinal);
        Assert.Equal(MaxWaiting + 1, calls.Count(static c => !c.IsCompleted));
        await Task.WhenAll(calls.Where(c => c != refused));

        var report = await grain.GetReportAsync();
        Assert.Equal(2 * (MaxWaiting + 2), report.Trace.Count);

        // The queue emptied, so the grain takes calls again.
        await grain.WorkAsync(100, 0);
    }

    [Fact]
    public void OverloadedException_KeepsItsTypeAcrossProcesses()
    {
        var thrown = new GrainOverloadedException("busy");

        var received = ExceptionCodec.Create(ExceptionCodec.TypeName(thrown), thrown.Message, detail: null);

        Assert.IsType<GrainOverloadedException>(received);
        Assert.Equal("busy", received.Message);
    }

    [Fact]
    public void NegativeLimit_IsRejected_AndZeroMeansNoLimit()
    {
        var validator = new GrainRuntimeOptionsValidator();

        var negative = validator.Validate(null, new GrainCollectionOptions { MaxWaitingRequests = -1 });
        var unlimited = validator.Validate(null, new GrainCollectionOptions { MaxWaitingRequests = 0 });

        Assert.True(negative.Failed);
        Assert.Contains("Grains:MaxWaitingRequests", negative.FailureMessage, StringComparison.Ordinal);
        Assert.True(unlimited.Succeeded);
    }
}
