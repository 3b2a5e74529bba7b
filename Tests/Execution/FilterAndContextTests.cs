using GameCluster.Hosting;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

public sealed class FilterAndContextTests : IAsyncLifetime
{
    private TestSilo? _silo;

    private TestSilo Silo => _silo!;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(silo => silo
        .AddIncomingGrainCallFilter<RecordingIncomingFilter>()
        .AddOutgoingGrainCallFilter<RecordingOutgoingFilter>());

    public async ValueTask DisposeAsync() => await Silo.DisposeAsync();

    [Fact]
    public async Task Filters_SeeEveryApplicationCall_InBothDirections()
    {
        var grain = Silo.GrainFactory.GetGrain<IContextGrain>(TestServices.NewKey());

        Assert.Equal("hello", await grain.EchoAsync("hello"));

        Assert.Contains("out:EchoAsync:client", Silo.Probe.Events);
        Assert.Contains("in:EchoAsync:hello", Silo.Probe.Events);
    }

    [Fact]
    public async Task GrainLevelFilter_CanReplaceTheResult()
    {
        var grain = Silo.GrainFactory.GetGrain<IContextGrain>(TestServices.NewKey());
        RequestContext.Set("upper", "1");
        try
        {
            Assert.Equal("LOUD", await grain.EchoAsync("loud"));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Equal("quiet", await grain.EchoAsync("quiet"));
    }

    [Fact]
    public async Task RequestContext_FlowsToTheGrain_AndOnwardToGrainsItCalls()
    {
        var first = Silo.GrainFactory.GetGrain<IContextGrain>(TestServices.NewKey());
        var second = Silo.GrainFactory.GetGrain<IContextGrain>(TestServices.NewKey());
        RequestContext.Set("player", "p-17");
        try
        {
            Assert.Equal("p-17", await first.GetContextValueAsync("player"));
            Assert.Equal("p-17", await first.GetContextValueViaAsync(second, "player"));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Null(await first.GetContextValueAsync("player"));
        Assert.Contains("out:GetContextValueAsync:context", Silo.Probe.Events);
    }
}
