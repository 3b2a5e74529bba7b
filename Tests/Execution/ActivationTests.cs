using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

[Collection(SiloCollection.Name)]
public sealed class ActivationTests(SiloFixture fixture)
{
    [Fact]
    public async Task GetGrain_DoesNotActivate_UntilFirstCall()
    {
        var key = TestServices.NewKey();
        var grain = fixture.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, fixture.Silo.Probe.Count($"activate:{key}"));

        Assert.Equal(key, await grain.GetKeyAsync());
        Assert.Equal(1, fixture.Silo.Probe.Count($"activate:{key}"));
    }

    [Fact]
    public async Task RepeatedCalls_ReachTheSameActivation()
    {
        var grain = fixture.GrainFactory.GetGrain<ILifecycleGrain>(TestServices.NewKey());
        var first = await grain.GetActivationIdAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(first, await grain.GetActivationIdAsync());
        }
    }

    [Fact]
    public async Task ConcurrentFirstCalls_CreateExactlyOneActivation()
    {
        var key = TestServices.NewKey();
        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            Task.Run(() => fixture.GrainFactory.GetGrain<ILifecycleGrain>(key).GetActivationIdAsync())));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, fixture.Silo.Probe.Count($"activate:{key}"));
    }

    [Fact]
    public async Task DeactivateOnIdle_DeactivatesAfterTheRequest_AndNextCallActivatesAgain()
    {
        var key = TestServices.NewKey();
        var grain = fixture.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var first = await grain.GetActivationIdAsync();

        await grain.DeactivateAsync();
        await fixture.Silo.Probe.WaitForAsync(p => p.Count($"deactivate:{key}:ApplicationRequested") == 1, TimeSpan.FromSeconds(10));

        Assert.NotEqual(first, await grain.GetActivationIdAsync());
        Assert.Equal(2, fixture.Silo.Probe.Count($"activate:{key}"));
    }

    [Fact]
    public async Task KeyedGrains_SeeTheirOwnKeys()
    {
        var guid = Guid.NewGuid();
        Assert.Equal(guid, await fixture.GrainFactory.GetGrain<IGuidKeyGrain>(guid).GetKeyAsync());
        Assert.Equal(-42L, await fixture.GrainFactory.GetGrain<IIntegerKeyGrain>(-42).GetKeyAsync());
        Assert.Equal($"{guid}|ext", await fixture.GrainFactory.GetGrain<IGuidCompoundKeyGrain>(guid, "ext").GetKeyAsync());
        Assert.Equal("7|a+b", await fixture.GrainFactory.GetGrain<IIntegerCompoundKeyGrain>(7, "a+b").GetKeyAsync());
    }

    [Fact]
    public async Task GrainReferences_CanBePassedAndReturned()
    {
        var target = fixture.GrainFactory.GetGrain<ILifecycleGrain>(TestServices.NewKey());
        var registry = fixture.GrainFactory.GetGrain<IRegistryGrain>(TestServices.NewKey());

        await registry.RegisterAsync(target);
        var returned = await registry.GetRegisteredAsync();

        Assert.NotNull(returned);
        Assert.Equal(target, returned);
        Assert.Equal(await target.GetActivationIdAsync(), await returned.GetActivationIdAsync());
        Assert.Equal(target.GetPrimaryKeyString(), await registry.CallRegisteredAsync());
    }

    [Fact]
    public async Task CallToUnknownGrainType_FailsWithClearError()
    {
        var grain = fixture.GrainFactory.GetGrain<ILifecycleGrain>(new GrainId("no-such-type", "x"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.GetKeyAsync());
        Assert.Contains("no-such-type", error.Message, StringComparison.Ordinal);
    }
}
