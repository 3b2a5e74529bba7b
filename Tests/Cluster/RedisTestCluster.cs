using GameCluster.GrainDirectory;
using GameCluster.Hosting;
using GameCluster.Membership;
using GameCluster.Redis;
using GameCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GameCluster.Tests.Cluster;

/// <summary>
/// A Redis client plus a cluster identity of its own (a fresh ClusterId), so every test works on keys no other test
/// touches even though all share one Redis.
/// </summary>
public sealed class RedisTestCluster : IAsyncDisposable
{
    public RedisTestCluster(string? connectionString = null, TimeSpan? operationTimeout = null, string? clusterId = null)
    {
        RedisOptions = new RedisClusteringOptions
        {
            ConnectionString = connectionString ?? TestServices.RedisConnectionString,
            OperationTimeout = operationTimeout ?? TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        ClusterOptions = new ClusterOptions { ServiceId = "gamecluster-tests", ClusterId = clusterId ?? TestServices.NewKey("cluster") };
        Client = new StackExchangeRedisClient(Options.Create(RedisOptions), NullLogger<StackExchangeRedisClient>.Instance);
    }

    public RedisClusteringOptions RedisOptions { get; }

    public ClusterOptions ClusterOptions { get; }

    public StackExchangeRedisClient Client { get; }

    public RedisMembershipTable CreateMembershipTable() =>
        new(Client, Options.Create(ClusterOptions), Options.Create(RedisOptions), NullLogger<RedisMembershipTable>.Instance);

    public RedisGrainDirectory CreateGrainDirectory() =>
        new(Client, Options.Create(ClusterOptions), Options.Create(RedisOptions), NullLogger<RedisGrainDirectory>.Instance);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
