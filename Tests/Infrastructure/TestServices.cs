namespace GameCluster.Tests.Infrastructure;

/// <summary>Connection settings of the real servers that ./test.sh starts.</summary>
public static class TestServices
{
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("GAMECLUSTER_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("GAMECLUSTER_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL and Redis.");

    /// <summary>The shared test Redis, <c>127.0.0.1:PORT</c>.</summary>
    public static string RedisConnectionString =>
        Environment.GetEnvironmentVariable("GAMECLUSTER_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("GAMECLUSTER_TEST_REDIS is not set: run the tests with ./test.sh, which starts PostgreSQL and Redis.");

    /// <summary>The redis-server binary for tests that start, kill and restart a Redis of their own.</summary>
    public static string RedisServerExecutable =>
        Environment.GetEnvironmentVariable("GAMECLUSTER_TEST_REDIS_SERVER") is { Length: > 0 } value ? value : "redis-server";

    public static string NewKey(string prefix = "k") => $"{prefix}-{Guid.NewGuid():N}";
}
