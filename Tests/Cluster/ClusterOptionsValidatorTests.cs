using GameCluster.Hosting;

namespace GameCluster.Tests.Cluster;

public sealed class ClusterOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new ClusterOptionsValidator().Validate(null, new ClusterOptions()).Succeeded);
    }

    [Fact]
    public void Validate_WithEveryIdInvalid_ReportsEveryFailureAtOnce()
    {
        var result = new ClusterOptionsValidator().Validate(null, new ClusterOptions { ClusterId = "", ServiceId = "game/prod" });

        Assert.True(result.Failed);
        var failures = Assert.IsAssignableFrom<IEnumerable<string>>(result.Failures).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Contains("Cluster:ClusterId is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Cluster:ServiceId", StringComparison.Ordinal) && f.Contains("game/prod", StringComparison.Ordinal));
    }
}
