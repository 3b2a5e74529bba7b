using System.Diagnostics;
using GameCluster.GrainDirectory;
using GameCluster.Membership;
using GameCluster.Tests.ClusterGrains;
using GameCluster.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.Cluster;

/// <summary>Real silo processes on 127.0.0.1, clustered through the real Redis, with state in the real PostgreSQL.</summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class ProcessClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThreeSilos_FormACluster_AndFirstCallsFromEverySiloMakeExactlyOneActivationPerGrain()
    {
        await using var cluster = await ProcessCluster.StartAsync(3);
        var relays = await RelayPerSiloAsync(cluster, 3);

        var siloNames = relays.Keys.ToList();
        Assert.Equal(siloNames[1], await relays[siloNames[0]].GetSiloOfAsync(relays[siloNames[1]]));

        var keys = Enumerable.Range(0, 1000).Select(_ => TestServices.NewKey("c")).ToList();
        var seen = await Task.WhenAll(relays.Values.Select(r => r.GetActivationsAsync(keys)));

        var directory = cluster.Client!.Host.Services.GetRequiredService<IGrainDirectory>();
        var stored = await ProcessCluster.ReadCountersAsync(keys);
        for (var i = 0; i < keys.Count; i++)
        {
            var activation = seen[0][i];
            Assert.All(seen, s => Assert.Equal(activation, s[i]));
            Assert.Equal(1, stored[keys[i]].Activations);
            var address = await directory.LookupAsync(new GrainId("clustercounter", keys[i]), TestContext.Current.CancellationToken);
            Assert.NotNull(address);
            Assert.StartsWith(address.Silo + "#", activation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KillingASilo_UnderLoad_IsDetectedWithinTenSeconds_AndLosesNoAcknowledgedIncrement()
    {
        await using var cluster = await ProcessCluster.StartAsync(3);
        await using var load = await CounterLoad.StartAsync(cluster.GrainFactory, grains: 1000);
        await Task.Delay(2000, TestContext.Current.CancellationToken);

        var victim = cluster.Silos[1];
        var table = cluster.Client!.Host.Services.GetRequiredService<IMembershipTable>();
        var killedAt = Stopwatch.StartNew();
        await victim.KillAsync();
        var detection = await WaitUntilDeadAsync(table, victim.SiloPort, TimeSpan.FromSeconds(30));
        output.WriteLine($"Silo killed with SIGKILL was declared dead after {detection.TotalSeconds:0.0} s (default membership settings).");
        Assert.True(detection < TimeSpan.FromSeconds(10), $"detection took {detection}");

        await Task.Delay(2000, TestContext.Current.CancellationToken);
        await load.StopAndVerifyAsync(output);
    }

    [Fact]
    public async Task RollingRestart_OfAllSilos_UnderLoad_LosesNoAcknowledgedIncrement()
    {
        await using var cluster = await ProcessCluster.StartAsync(3);
        await using var load = await CounterLoad.StartAsync(cluster.GrainFactory, grains: 1000);
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            var old = cluster.Silos[i];
            await old.StopAsync();
            await old.DisposeAsync();
            cluster.Silos[i] = await cluster.StartSiloAsync(old.SiloPort);
            await cluster.WaitForActiveSilosAsync(3);
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        await load.StopAndVerifyAsync(output);
    }

    [Fact]
    public async Task RedisRestart_ActiveGrainsKeepServing_MembershipRecovers_AndEveryGrainKeepsItsOneActivation()
    {
        await using var redis = await RedisServerProcess.StartNewAsync(TestContext.Current.CancellationToken);
        await using var cluster = await ProcessCluster.StartAsync(3, redisConnectionString: redis.ConnectionString);
        var relays = await RelayPerSiloAsync(cluster, 3);
        var keys = Enumerable.Range(0, 100).Select(_ => TestServices.NewKey("r")).ToList();
        var counters = keys.Select(k => cluster.GrainFactory.GetGrain<IClusterCounterGrain>(k)).ToList();
        foreach (var counter in counters)
        {
            await counter.AddAsync(1);
        }

        // Asked through the client, so no silo has looked up (and cached) the counters it does not host.
        var activations = await Task.WhenAll(counters.Select(c => c.GetActivationAsync()));

        // Redis runs without persistence here: it comes back empty, without membership rows or directory entries.
        await redis.KillAsync();
        for (var round = 2; round <= 6; round++)
        {
            foreach (var counter in counters)
            {
                Assert.Equal(round, await counter.AddAsync(1));
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        await redis.StartAsync(TestContext.Current.CancellationToken);
        var table = cluster.Client!.Host.Services.GetRequiredService<IMembershipTable>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                var data = await table.ReadAllAsync(TestContext.Current.CancellationToken);
                if (data.Entries.Count(r => r.Entry.Status == MembershipStatus.Active) == 3)
                {
                    break;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "membership did not recover after Redis came back");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        // The client reads the table on its own refresh period: wait until its view has caught up too.
        await cluster.WaitForActiveSilosAsync(3);
        Assert.Equal(1, await cluster.GrainFactory.GetGrain<IClusterCounterGrain>(TestServices.NewKey("r")).AddAsync(1));
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited));

        // Each silo registers its activations again once it finds the table emptied, so a silo that looks a counter up
        // now finds the activation that holds it instead of placing a second one.
        var directory = cluster.Client!.Host.Services.GetRequiredService<IGrainDirectory>();
        foreach (var key in keys)
        {
            while (await directory.LookupAsync(new GrainId("clustercounter", key), TestContext.Current.CancellationToken) is null)
            {
                Assert.True(DateTime.UtcNow < deadline, $"counter {key} was not registered again after Redis came back");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        var seen = await Task.WhenAll(relays.Values.Select(r => r.GetActivationsAsync(keys)));
        var stored = await ProcessCluster.ReadCountersAsync(keys);
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.All(seen, fromSilo => Assert.Equal(activations[i], fromSilo[i]));
            Assert.Equal((6, 1), stored[keys[i]]);
        }
    }

    private static async Task<Dictionary<string, ICallRelayGrain>> RelayPerSiloAsync(ProcessCluster cluster, int silos)
    {
        var relays = new Dictionary<string, ICallRelayGrain>();
        for (var i = 0; relays.Count < silos && i < 500; i++)
        {
            var relay = cluster.GrainFactory.GetGrain<ICallRelayGrain>($"relay-{i}");
            relays.TryAdd(await relay.GetSiloAsync(), relay);
        }

        Assert.Equal(silos, relays.Count);
        return relays;
    }

    private static async Task<TimeSpan> WaitUntilDeadAsync(IMembershipTable table, int siloPort, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            var data = await table.ReadAllAsync(TestContext.Current.CancellationToken);
            if (data.Entries.Any(r => r.Entry.Silo.Port == siloPort && r.Entry.Status == MembershipStatus.Dead))
            {
                return watch.Elapsed;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The silo on port {siloPort} was not declared dead within {timeout}.");
    }
}
