using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.Cluster;

/// <summary>Three silos in one process talking over TCP on loopback: routing, placement, single activation, re-routing.</summary>
public sealed class InProcessClusterTests
{
    [Fact]
    public async Task CallsFromOneSilo_ReachGrainsOnEverySilo()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        var factory = cluster.Silos[0].GrainFactory;

        var silos = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => factory.GetGrain<ISiloInfoGrain>(TestServices.NewKey()).GetSiloAsync()));

        Assert.Equal(3, silos.Distinct().Count());
    }

    [Fact]
    public async Task CallCycle_BetweenGrainsOnTwoSilos_FailsFastWithDeadlockException()
    {
        await using var cluster = await InProcessCluster.StartAsync(2);
        var factory = cluster.Silos[0].GrainFactory;
        var pairs = 0;
        for (var attempt = 0; attempt < 40 && pairs < 3; attempt++)
        {
            var a = factory.GetGrain<ICycleGrain>(TestServices.NewKey("a"));
            var b = factory.GetGrain<ICycleGrain>(TestServices.NewKey("b"));
            await Task.WhenAll(a.PingAsync(), b.PingAsync());
            if (HomeOf(cluster, a.GetGrainId()) == HomeOf(cluster, b.GetGrainId()))
            {
                continue;
            }

            // a -> b crosses silos with the chain [a]; b -> a crosses back with [b, a], and a is still busy.
            var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallThroughAsync(b));
            Assert.Contains($"{a.GetGrainId()} -> {b.GetGrainId()} -> {a.GetGrainId()}", error.Message, StringComparison.Ordinal);
            Assert.StartsWith("pong", await a.PingAsync(), StringComparison.Ordinal);
            pairs++;
        }

        Assert.Equal(3, pairs);
    }

    private static int HomeOf(InProcessCluster cluster, GrainId grainId) =>
        cluster.Silos.FindIndex(silo => silo.Services.GetRequiredService<Runtime.Catalog>().Find(grainId) is not null);

    [Fact]
    public async Task GrainReference_PassedBetweenSilos_Works_AndExceptionsKeepTheirType()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        var grains = Enumerable.Range(0, 12).Select(_ => cluster.Silos[1].GrainFactory.GetGrain<ISiloInfoGrain>(TestServices.NewKey())).ToList();
        var homes = await Task.WhenAll(grains.Select(g => g.GetSiloAsync()));

        for (var i = 0; i < grains.Count; i++)
        {
            var caller = grains[i];
            var callee = grains[(i + 1) % grains.Count];
            Assert.Equal(homes[(i + 1) % grains.Count], await caller.GetSiloOfAsync(callee));
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grains[0].ThrowAsync("remote boom"));
        Assert.Equal("remote boom", error.Message);
    }

    [Fact]
    public async Task FirstCallsFromAllSilosAtOnce_CreateExactlyOneActivationPerGrain()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        var keys = Enumerable.Range(0, 1000).Select(_ => TestServices.NewKey()).ToList();

        var ids = await Task.WhenAll(keys.SelectMany(key => cluster.Silos.Select(silo =>
            Task.Run(() => silo.GrainFactory.GetGrain<ILifecycleGrain>(key).GetActivationIdAsync(), TestContext.Current.CancellationToken))));

        for (var k = 0; k < keys.Count; k++)
        {
            Assert.Single(ids.Skip(k * 3).Take(3).Distinct());
            Assert.Equal(1, cluster.Probe.Count($"activate:{keys[k]}"));
        }
    }

    [Fact]
    public async Task GracefulSiloShutdown_UnderLoad_ReroutesCalls_AndLosesNoAcknowledgedWrite()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        var factory = cluster.Silos[0].GrainFactory;
        var counters = Enumerable.Range(0, 100).Select(_ => factory.GetGrain<ICounterGrain>(TestServices.NewKey())).ToList();
        var acknowledged = new long[counters.Count];
        var failures = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < counters.Count; i++)
                {
                    try
                    {
                        acknowledged[i] = await counters[i].AddAsync(1);
                    }
                    catch (SiloUnavailableException)
                    {
                        failures++;
                    }
                }
            }
        }, TestContext.Current.CancellationToken);

        await Task.Delay(300, TestContext.Current.CancellationToken);
        await cluster.Silos[2].StopAsync();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await load;

        Assert.Equal(0, failures);
        for (var i = 0; i < counters.Count; i++)
        {
            Assert.Equal(acknowledged[i], await counters[i].GetAsync());
        }
    }

    [Fact]
    public async Task ClusterClient_RoutesCallsToEverySilo_AndHostsObserversThatGrainsCall()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        await using var client = await cluster.StartClientAsync();

        var silos = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.Client.GetGrain<ISiloInfoGrain>(TestServices.NewKey()).GetSiloAsync()));
        Assert.Equal(3, silos.Distinct().Count());

        var received = new ReceivingObserver();
        var observer = client.Client.CreateObjectReference<IGameObserver>(received);
        var notifiers = Enumerable.Range(0, 6).Select(_ => client.Client.GetGrain<INotifierGrain>(TestServices.NewKey())).ToList();
        foreach (var notifier in notifiers)
        {
            await notifier.SubscribeAsync(observer);
            Assert.Equal(1, await notifier.NotifyAsync($"hello from {notifier.GetPrimaryKeyString()}"));
        }

        Assert.Equal(notifiers.Select(n => $"hello from {n.GetPrimaryKeyString()}").Order(), received.Messages.Order());
    }

    [Fact]
    public async Task Reminders_FireOncePerPeriodInTheCluster_AndMoveWhenTheirSiloStops()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        var keys = Enumerable.Range(0, 9).Select(_ => TestServices.NewKey("rem")).ToList();
        foreach (var key in keys)
        {
            await cluster.Silos[0].GrainFactory.GetGrain<IReminderGrain>(key).RegisterAsync("tick", dueMs: 1000, periodMs: 1000);
        }

        await Task.Delay(3500, TestContext.Current.CancellationToken);
        var ticks = keys.ToDictionary(k => k, k => cluster.Probe.Count($"tick:{k}:tick"));
        Assert.All(ticks, t => Assert.InRange(t.Value, 2, 4));

        await cluster.Silos[2].StopAsync();
        await cluster.WaitForActiveSilosAsync(2);
        await Task.Delay(3000, TestContext.Current.CancellationToken);
        Assert.All(keys, k => Assert.True(cluster.Probe.Count($"tick:{k}:tick") >= ticks[k] + 2, $"{k} stopped ticking"));

        foreach (var key in keys)
        {
            await cluster.Silos[0].GrainFactory.GetGrain<IReminderGrain>(key).UnregisterAsync("tick");
        }
    }

    [Fact]
    public async Task DirectoryLostItsEntries_SilosRegisterTheirActivationsAgain_AndASecondActivationMadeMeanwhileWins()
    {
        await using var cluster = await InProcessCluster.StartAsync(2);
        var (first, second) = (cluster.Silos[0], cluster.Silos[1]);
        var kept = first.GrainFactory.GetGrain<IPreferLocalGrain>(TestServices.NewKey("kept"));
        var doubled = first.GrainFactory.GetGrain<IPreferLocalGrain>(TestServices.NewKey("doubled"));
        Assert.Equal(first.Address.ToString(), await kept.GetSiloAsync());
        Assert.Equal(first.Address.ToString(), await doubled.GetSiloAsync());

        // The directory loses the first silo's entries; a lookup from the second silo then finds nothing and
        // activates the grain there too.
        await cluster.Directory.UnregisterSilosAsync([first.Address], TestContext.Current.CancellationToken);
        Assert.Equal(second.Address.ToString(), await second.GrainFactory.GetGrain<IPreferLocalGrain>(doubled.GetPrimaryKeyString()).GetSiloAsync());
        Assert.Equal(first.Address.ToString(), await doubled.GetSiloAsync());

        // What the membership agent raises when it finds its row gone with the rest of the store's data.
        first.Membership.RaiseOwnRowRestored();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await doubled.GetSiloAsync() != second.Address.ToString())
        {
            Assert.True(DateTime.UtcNow < deadline, "the first silo kept its second activation of the grain");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        while (await cluster.Directory.LookupAsync(kept.GetGrainId(), TestContext.Current.CancellationToken) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first silo did not register its activation again");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(first.Address, (await cluster.Directory.LookupAsync(kept.GetGrainId(), TestContext.Current.CancellationToken))?.Silo);
        Assert.Equal(first.Address.ToString(), await second.GrainFactory.GetGrain<IPreferLocalGrain>(kept.GetPrimaryKeyString()).GetSiloAsync());
        var doubledEntry = await cluster.Directory.LookupAsync(doubled.GetGrainId(), TestContext.Current.CancellationToken);
        Assert.Equal(second.Address, doubledEntry?.Silo);
    }

    [Fact]
    public async Task AfterTurnsBlockedTheReadingThreadTwice_TheConnectionRunsTurnsOnTheThreadPool_SoABlockedTurnNoLongerHoldsOtherCalls()
    {
        await using var cluster = await InProcessCluster.StartAsync(2);
        var (caller, host) = (cluster.Silos[0], cluster.Silos[1]);
        List<IBlockingGrain> onHost = [];
        for (var i = 0; onHost.Count < 2 && i < 200; i++)
        {
            var grain = caller.GrainFactory.GetGrain<IBlockingGrain>(TestServices.NewKey("block"));
            if (await grain.GetSiloAsync() == host.Address.ToString())
            {
                onHost.Add(grain);
            }
        }

        Assert.Equal(2, onHost.Count);
        var (blocking, other) = (onHost[0], onHost[1]);

        // Each blocking turn runs on the host's reading thread and holds the connection while it sleeps; the second
        // time within a minute moves the connection's turns to the thread pool (BlockedReaderPolicyTests: once is not
        // enough).
        await blocking.BlockAsync(300);
        await blocking.BlockAsync(300);

        var blocked = blocking.BlockAsync(5000);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(host.Address.ToString(), await other.GetSiloAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(2500), $"a call waited {watch.Elapsed} behind the blocked turn");
        Assert.False(blocked.IsCompleted);
        await blocked;
    }

    private sealed class ReceivingObserver : IGameObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => [.. _messages];

        public Task OnNotifyAsync(string message)
        {
            _messages.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
