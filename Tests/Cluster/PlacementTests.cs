using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Cluster;

public sealed class PlacementTests
{
    [Fact]
    public async Task PreferLocal_PlacesNewActivationsOnTheCallingSilo()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        foreach (var silo in cluster.Silos)
        {
            var homes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => silo.GrainFactory.GetGrain<IPreferLocalGrain>(TestServices.NewKey()).GetSiloAsync()));
            Assert.All(homes, h => Assert.Equal(silo.Address.ToString(), h));
        }
    }

    [Fact]
    public async Task HashBased_PlacesEachGrainOnTheSiloItsHashPicks()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        await using var client = await cluster.StartClientAsync();
        var sorted = cluster.Silos.Select(s => s.Address.ToString()).Order(StringComparer.Ordinal).ToList();

        foreach (var key in Enumerable.Range(0, 30).Select(_ => TestServices.NewKey()))
        {
            var expected = sorted[(int)(new GrainId("hashplaced", key).GetUniformHashCode() % 3)];
            Assert.Equal(expected, await client.Client.GetGrain<IHashPlacedGrain>(key).GetSiloAsync());
        }
    }

    [Fact]
    public async Task LeastActivations_AvoidsTheBusiestSilo()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        var busy = cluster.Silos[0];
        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => busy.GrainFactory.GetGrain<IPreferLocalGrain>(TestServices.NewKey()).GetSiloAsync()));
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        var homes = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            homes.Add(await cluster.Silos[1].GrainFactory.GetGrain<ILeastLoadedGrain>(TestServices.NewKey()).GetSiloAsync());
        }

        Assert.DoesNotContain(busy.Address.ToString(), homes);
    }
}
