using GameCluster.GrainDirectory;

namespace GameCluster.Tests.Cluster;

/// <summary>The grain directory contract against the real Redis, plus the key layout that lets clusters share it.</summary>
public sealed class RedisGrainDirectoryTests : GrainDirectoryContractTests
{
    private readonly RedisTestCluster _cluster = new();

    protected override ValueTask<IGrainDirectory> CreateDirectoryAsync() => ValueTask.FromResult<IGrainDirectory>(_cluster.CreateGrainDirectory());

    public override async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Register_StoresOneKeyPerGrainUnderTheClusterPrefix()
    {
        var address = await Directory.RegisterAsync(Address(NewGrain(), Silo(1)), Cancellation);

        var stored = await _cluster.Client.GetAsync(
            $"{_cluster.ClusterOptions.ServiceId}/{_cluster.ClusterOptions.ClusterId}/dir/{address.GrainId.Type}/{address.GrainId.Key}",
            Cancellation);

        Assert.NotNull(stored);
        Assert.Contains(address.ActivationId, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_FromAnotherClusterOnSameRedis_DoesNotSeeTheEntry()
    {
        var address = await Directory.RegisterAsync(Address(NewGrain(), Silo(1)), Cancellation);
        await using var other = new RedisTestCluster();
        var otherDirectory = other.CreateGrainDirectory();

        Assert.Null(await otherDirectory.LookupAsync(address.GrainId, Cancellation));
        await otherDirectory.UnregisterSilosAsync([Silo(1)], Cancellation);
        Assert.Equal(address, await Directory.LookupAsync(address.GrainId, Cancellation));
    }
}
