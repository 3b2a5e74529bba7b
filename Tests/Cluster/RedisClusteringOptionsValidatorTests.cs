using GameCluster.Redis;

namespace GameCluster.Tests.Cluster;

public sealed class RedisClusteringOptionsValidatorTests
{
    [Fact]
    public void Validate_WithConnectionString_Succeeds()
    {
        var options = new RedisClusteringOptions { ConnectionString = "127.0.0.1:6379,password=secret", KeyPrefix = "game:" };

        Assert.True(new RedisClusteringOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_WithEverySettingInvalid_ReportsEveryFailureAtOnce()
    {
        var options = new RedisClusteringOptions
        {
            ConnectionString = "",
            KeyPrefix = "my game",
            OperationTimeout = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(-1),
        };

        var result = new RedisClusteringOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = Assert.IsAssignableFrom<IEnumerable<string>>(result.Failures).ToList();
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.Contains("ConnectionString is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("KeyPrefix", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("OperationTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ConnectTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WithUnparsableConnectionString_ReportsItWithoutThePassword()
    {
        var options = new RedisClusteringOptions { ConnectionString = "127.0.0.1:6379,password=hunter2,notAnOption=1" };

        var result = new RedisClusteringOptionsValidator().Validate(null, options);

        var failure = Assert.Single(Assert.IsAssignableFrom<IEnumerable<string>>(result.Failures));
        Assert.Contains("ConnectionString", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }
}
