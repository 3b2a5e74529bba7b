using GameCluster.Hosting;

namespace GameCluster.Redis;

/// <summary>The key layout shared by the Redis membership table and grain directory.</summary>
internal static class RedisKeys
{
    /// <summary>The prefix of every key of one cluster: <c>{KeyPrefix}{ServiceId}/{ClusterId}/</c>.</summary>
    public static string ClusterPrefix(ClusterOptions cluster, RedisClusteringOptions redis) =>
        $"{redis.KeyPrefix}{cluster.ServiceId}/{cluster.ClusterId}/";
}
