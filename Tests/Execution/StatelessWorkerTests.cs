using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

[Collection(SiloCollection.Name)]
public sealed class StatelessWorkerTests(SiloFixture fixture)
{
    [Fact]
    public async Task ConcurrentCalls_SpreadOverSeveralActivations_UpToTheLimit()
    {
        var worker = fixture.GrainFactory.GetGrain<IWorkerGrain>(TestServices.NewKey());

        var instances = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => worker.WorkAsync(200)));

        Assert.InRange(instances.Distinct().Count(), 2, 4);
    }
}
