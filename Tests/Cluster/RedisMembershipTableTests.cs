using GameCluster.Membership;

namespace GameCluster.Tests.Cluster;

/// <summary>The membership table contract against the real Redis, plus what only Redis can do: share a server, lose data.</summary>
public sealed class RedisMembershipTableTests : MembershipTableContractTests
{
    private readonly RedisTestCluster _cluster = new();

    protected override ValueTask<IMembershipTable> CreateTableAsync() => ValueTask.FromResult<IMembershipTable>(_cluster.CreateMembershipTable());

    public override async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task ReadAll_OfAnotherClusterOnSameRedis_SeesNoRowsOfThisCluster()
    {
        Assert.True(await Table.InsertRowAsync(NewEntry(Silo(1)), (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        await using var other = new RedisTestCluster();
        var otherTable = other.CreateMembershipTable();
        await otherTable.InitializeAsync(Cancellation);

        var data = await otherTable.ReadAllAsync(Cancellation);

        Assert.Empty(data.Entries);
        Assert.Equal(0, data.Version.Version);
        Assert.NotEqual(((RedisMembershipTable)Table).TableKey, otherTable.TableKey);
    }

    [Fact]
    public void TableKey_IsPrefixedWithServiceIdAndClusterId()
    {
        var table = (RedisMembershipTable)Table;

        Assert.Equal($"{_cluster.ClusterOptions.ServiceId}/{_cluster.ClusterOptions.ClusterId}/membership", table.TableKey);
    }

    [Fact]
    public async Task InsertRow_AfterRedisLostTheTable_StartsOverAtVersionZeroAndRejectsOldSnapshots()
    {
        var table = (RedisMembershipTable)Table;
        Assert.True(await table.InsertRowAsync(NewEntry(Silo(1)), (await table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var beforeLoss = await table.ReadAllAsync(Cancellation);

        // What a Redis restart without persistence does to the table.
        Assert.True(await _cluster.Client.DeleteAsync(table.TableKey, Cancellation));
        var empty = await table.ReadAllAsync(Cancellation);
        Assert.Empty(empty.Entries);
        Assert.Equal(0, empty.Version.Version);
        Assert.True(await table.InsertRowAsync(NewEntry(Silo(2)), empty.Version.Next(), Cancellation));

        // The table is back at the version number of the old snapshot, but not at its version: the old snapshot loses.
        var regrown = await table.ReadAllAsync(Cancellation);
        Assert.Equal(beforeLoss.Version.Version, regrown.Version.Version);
        Assert.False(await table.InsertRowAsync(NewEntry(Silo(3)), beforeLoss.Version.Next(), Cancellation));
        Assert.Equal(Silo(2), Assert.Single((await table.ReadAllAsync(Cancellation)).Entries).Entry.Silo);
    }
}
