using GameCluster.Messaging;
using GameCluster.Runtime;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.Execution;

public sealed class WaitingRequestLimitTests : IAsyncLifetime
{
    private const int MaxWaiting = 3;

    private const int MaxWaitingPerSilo = 4;

    private TestSilo? _silo;

    private TestSilo Silo => _silo!;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(configuration: new Dictionary<string, string?>
    {
        ["Grains:MaxWaitingRequests"] = MaxWaiting.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Grains:MaxWaitingRequestsPerSilo"] = MaxWaitingPerSilo.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async ValueTask DisposeAsync() => await Silo.DisposeAsync();

    [Fact]
    public async Task CallBeyondTheWaitingLimit_FailsAtOnce_WhileTheQueuedCallsStillRun()
    {
        var grain = Silo.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey());
        await grain.WorkAsync(-1, 0);
        await WaitUntilIdleAsync(Silo.Services.GetRequiredService<Catalog>(), [grain]);

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
    public async Task CallsThatWouldWaitBeyondTheSiloLimit_FailAtOnce_AndTheSiloTakesWaitingCallsAgainOnceTheQueuesDrain()
    {
        using var refusedBySilo = new MeasurementCounter(GameCluster.Diagnostics.GrainInstruments.MeterName, "gamecluster.grain.calls.refused", "limit", "silo");

        var grains = Enumerable.Range(0, 3).Select(_ => Silo.GrainFactory.GetGrain<ITraceGrain>(TestServices.NewKey())).ToList();
        foreach (var grain in grains)
        {
            await grain.WorkAsync(-1, 0);
        }

        var catalog = Silo.Services.GetRequiredService<Catalog>();
        await WaitUntilIdleAsync(catalog, grains);

        // Each grain runs one call and keeps two waiting (within its own limit of three): six would wait, four may.
        var calls = grains.SelectMany(grain => Enumerable.Range(0, 3).Select(i => grain.WorkAsync(i, 500))).ToList();
        var refused = new List<Task>();
        while (refused.Count < 2)
        {
            var completed = await Task.WhenAny(calls.Except(refused));
            var exception = await Assert.ThrowsAsync<GrainOverloadedException>(() => completed);
            Assert.Contains("Grains:MaxWaitingRequestsPerSilo", exception.Message, StringComparison.Ordinal);
            refused.Add(completed);
        }

        await Task.WhenAll(calls.Except(refused));
        Assert.Equal(2, refusedBySilo.Total);
        Assert.Equal(0, catalog.WaitingRequests);

        // The count went back down with the queues: as many calls may wait again.
        await WaitUntilIdleAsync(catalog, grains);
        var again = grains.Take(2).SelectMany(grain => Enumerable.Range(0, 3).Select(i => grain.WorkAsync(10 + i, 100))).ToList();
        await Task.WhenAll(again);
    }

    /// <summary>A call's answer arrives just before its activation counts it finished: wait for that too.</summary>
    private static async Task WaitUntilIdleAsync(Catalog catalog, IEnumerable<ITraceGrain> grains)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (grains.Any(grain => catalog.Find(grain.GetGrainId())?.PendingCount > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "the grains did not become idle");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
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

        var negative = validator.Validate(null, new GrainCollectionOptions { MaxWaitingRequests = -1, MaxWaitingRequestsPerSilo = -1 });
        var unlimited = validator.Validate(null, new GrainCollectionOptions { MaxWaitingRequests = 0, MaxWaitingRequestsPerSilo = 0 });

        Assert.True(negative.Failed);
        Assert.Contains("Grains:MaxWaitingRequests must", negative.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Grains:MaxWaitingRequestsPerSilo must", negative.FailureMessage, StringComparison.Ordinal);
        Assert.True(unlimited.Succeeded);
    }
}
