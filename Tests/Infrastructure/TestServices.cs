namespace GameCluster.Tests.Infrastructure;

/// <summary>Connection settings of the real servers that ./test.sh starts.</summary>
public static class TestServices
{
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("GAMECLUSTER_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("GAMECLUSTER_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL and Redis.");

    public static string NewKey(string prefix = "k") => $"{prefix}-{Guid.NewGuid():N}";
}
