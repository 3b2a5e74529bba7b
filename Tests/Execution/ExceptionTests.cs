using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

[Collection(SiloCollection.Name)]
public sealed class ExceptionTests(SiloFixture fixture)
{
    [Fact]
    public async Task GrainException_ReachesCaller_WithTypeAndMessage()
    {
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(TestServices.NewKey());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAsync("boom"));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task CustomException_KeepsItsType()
    {
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(TestServices.NewKey());

        var error = await Assert.ThrowsAsync<GameRuleException>(() => grain.ThrowRuleAsync("not enough gold"));

        Assert.Equal("not enough gold", error.Message);
    }

    [Fact]
    public async Task SynchronousThrow_FromValueTaskMethod_ReachesCaller()
    {
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(TestServices.NewKey());

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await grain.ThrowSynchronouslyAsync());

        Assert.Equal("value", error.ParamName);
    }

    [Fact]
    public async Task GrainKeepsServing_AfterAnException()
    {
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(TestServices.NewKey());
        Assert.Equal(1, await grain.PingAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAsync("boom"));

        Assert.Equal(2, await grain.PingAsync());
    }
}
