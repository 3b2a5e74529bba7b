using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Execution;

[Collection(SiloCollection.Name)]
public sealed class ArgumentIsolationTests(SiloFixture fixture)
{
    [Fact]
    public async Task MutableArgument_IsCopied_SoTheCallerNeverSeesTheGrainsChanges()
    {
        var grain = fixture.GrainFactory.GetGrain<IRegistryGrain>(TestServices.NewKey());
        List<int> values = [1, 2];

        Assert.Equal(3, await grain.AddToCopyAsync(values));

        Assert.Equal([1, 2], values);
    }

    [Fact]
    public async Task MutableResult_IsCopied_AndIsNotTheArgumentObject()
    {
        var grain = fixture.GrainFactory.GetGrain<IRegistryGrain>(TestServices.NewKey());
        var inventory = new Inventory { Items = ["shield"] };

        var result = await grain.AddItemAsync(inventory, "sword");

        Assert.Equal(["shield", "sword"], result.Items);
        Assert.Equal(["shield"], inventory.Items);
        Assert.NotSame(inventory, result);
    }
}
