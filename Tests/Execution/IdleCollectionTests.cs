using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

public sealed class IdleCollectionTests : IAsyncLifetime
{
    private TestSilo? _silo;

    private TestSilo Silo => _silo!;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(configuration: new Dictionary<string, string?>
    {
        ["Grains:CollectionAge"] = "00:00:01",
        ["Grains:CollectionQuantum"] = "00:00:00.200",
    });

    public async ValueTask DisposeAsync() => await Silo.DisposeAsync();

    [Fact]
    public async Task IdleActivation_IsCollected_AndTheNextCallActivatesAgain()
    {
        var key = TestServices.NewKey();
        var grain = Silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var first = await grain.GetActivationIdAsync();

        await Silo.Probe.WaitForAsync(p => p.Count($"deactivate:{key}:IdleCollection") == 1, TimeSpan.FromSeconds(10));

        Assert.NotEqual(first, await grain.GetActivationIdAsync());
    }

    [Fact]
    public async Task ActivationInUse_IsNotCollected()
    {
        var key = TestServices.NewKey();
        var grain = Silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var first = await grain.GetActivationIdAsync();

        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            Assert.Equal(first, await grain.GetActivationIdAsync());
        }

        Assert.Equal(0, Silo.Probe.Count($"deactivate:{key}:IdleCollection"));
    }
}
