namespace GameCluster.Redis;

/// <summary>
/// Redis settings for cluster membership and the grain directory (configuration section <c>Clustering:Redis</c>).
/// Keys are <c>{KeyPrefix}{ServiceId}/{ClusterId}/...</c>, so several clusters can share one Redis.
/// </summary>
public sealed class RedisClusteringOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Clustering:Redis";

    /// <summary>
    /// The StackExchange.Redis configuration string, for example <c>127.0.0.1:6379</c> or
    /// <c>redis:6379,password=...,ssl=true</c>. Required. It may hold a password: it is never logged.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// An optional prefix in front of every key, for a Redis shared with other applications (for example
    /// <c>game:</c>). Default none.
    /// </summary>
    public string? KeyPrefix { get; set; }

    /// <summary>
    /// How long one Redis operation may take before it fails with <see cref="RedisUnavailableException"/>; bounds
    /// every call also when Redis hangs. Default 5 seconds.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one connection attempt may take. Reconnection continues in the background. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
