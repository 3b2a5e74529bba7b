using System.Collections.Concurrent;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Storage;

/// <summary>
/// Two silos that do not know each other activate the same grain on one database: the duplicate activation a
/// membership change can briefly cause. The ETag must keep every acknowledged write and reject the stale one.
/// </summary>
public abstract class GrainStateConflictTests(TestDatabase database) : IAsyncLifetime
{
    private const string StateName = "counter";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private TestSilo? _siloA;
    private TestSilo? _siloB;

    private TestSilo SiloA => _siloA ?? throw new InvalidOperationException("Silo A has not started.");

    private TestSilo SiloB => _siloB ?? throw new InvalidOperationException("Silo B has not started.");

    public async ValueTask InitializeAsync()
    {
        _siloA = await TestSilo.StartAsync(database.AddGrainStorage, memoryStorage: false);
        _siloB = await TestSilo.StartAsync(database.AddGrainStorage, memoryStorage: false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in new[] { _siloA, _siloB })
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AddAsync_OnStaleDuplicateActivation_ThrowsInconsistentStateDeactivatesAndThenSucceeds()
    {
        var key = TestServices.NewKey("counter");
        var onA = SiloA.GrainFactory.GetGrain<ICounterGrain>(key);
        var onB = SiloB.GrainFactory.GetGrain<ICounterGrain>(key);
        Assert.Equal(10, await onA.AddAsync(10));
        Assert.Equal(10, await onB.GetAsync());

        Assert.Equal(11, await onA.AddAsync(1));
        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.AddAsync(100));

        await SiloB.Probe.WaitForAsync(p => p.Count($"counter-deactivate:{key}:{DeactivationReason.ApplicationError}") == 1, Timeout);
        Assert.Equal(11, await StoredValueAsync(onA));
        Assert.Equal(111, await onB.AddAsync(100));
        Assert.Equal(["counter-activate:" + key + ":10", "counter-activate:" + key + ":11"], SiloB.Probe.Events.Where(e => e.StartsWith("counter-activate:", StringComparison.Ordinal)));

        // Now A is the stale one: it is rejected in turn, and recovers the same way.
        await Assert.ThrowsAsync<InconsistentStateException>(() => onA.AddAsync(1000));
        await SiloA.Probe.WaitForAsync(p => p.Count($"counter-deactivate:{key}:{DeactivationReason.ApplicationError}") == 1, Timeout);
        Assert.Equal(1111, await onA.AddAsync(1000));
        Assert.Equal(10 + 1 + 100 + 1000, await StoredValueAsync(onA));
    }

    [Fact]
    public async Task AddAsync_WhenDuplicateActivationsBothStartWithoutRecord_SecondInsertIsRejected()
    {
        var key = TestServices.NewKey("counter");
        var onA = SiloA.GrainFactory.GetGrain<ICounterGrain>(key);
        var onB = SiloB.GrainFactory.GetGrain<ICounterGrain>(key);
        Assert.Equal(0, await onA.GetAsync());
        Assert.Equal(0, await onB.GetAsync());

        Assert.Equal(1, await onA.AddAsync(1));
        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.AddAsync(5));

        await SiloB.Probe.WaitForAsync(p => p.Count($"counter-deactivate:{key}:{DeactivationReason.ApplicationError}") == 1, Timeout);
        Assert.Equal(1, await StoredValueAsync(onA));
        Assert.Equal(6, await onB.AddAsync(5));
        Assert.Equal(6, await StoredValueAsync(onA));
    }

    [Fact]
    public async Task AddAsync_UnderConcurrentDuplicateActivations_StoresExactlyTheAcknowledgedAdds()
    {
        var key = TestServices.NewKey("counter");
        var acknowledged = new ConcurrentBag<long>();
        var rejected = 0;

        async Task AddManyAsync(ICounterGrain grain, long amount)
        {
            for (var i = 0; i < 25; i++)
            {
                try
                {
                    await grain.AddAsync(amount);
                    acknowledged.Add(amount);
                }
                catch (InconsistentStateException)
                {
                    Interlocked.Increment(ref rejected);
                }
            }
        }

        var onA = SiloA.GrainFactory.GetGrain<ICounterGrain>(key);
        var onB = SiloB.GrainFactory.GetGrain<ICounterGrain>(key);
        await Task.WhenAll(AddManyAsync(onA, 1), AddManyAsync(onA, 1), AddManyAsync(onB, 1_000), AddManyAsync(onB, 1_000));

        Assert.Equal(100, acknowledged.Count + rejected);
        Assert.NotEmpty(acknowledged);
        Assert.Equal(acknowledged.Sum(), await StoredValueAsync(onA));
    }

    /// <summary>The counter as stored in the database, read with plain ADO.NET (not through any grain).</summary>
    private async Task<long> StoredValueAsync(ICounterGrain grain)
    {
        var row = await database.ReadGrainStateAsync(grain.GetGrainId(), StateName);
        Assert.NotNull(row);
        using var json = row.ParsePayload();
        return json.RootElement.GetProperty("value").GetInt64();
    }
}
