using GameCluster.Runtime;
using GameCluster.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GameCluster.Tests.Storage;

/// <summary>The silo's own sweep of expired grain state, and its settings.</summary>
public sealed class ExpiredStateSweeperTests
{
    [Fact]
    public async Task Silo_SweepsExpiredStateOnItsOwnEveryInterval()
    {
        await using var silo = await TestSilo.StartAsync(configuration: new Dictionary<string, string?> { ["Storage:Expiry:SweepInterval"] = "00:00:00.100" });
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var expired = new GrainId("sweep", TestServices.NewKey("expired"));
        var kept = new GrainId("sweep", TestServices.NewKey("kept"));
        var cancellation = TestContext.Current.CancellationToken;
        await storage.WriteStateAsync("state", expired, new TestGrainState<ProfileStateV1> { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) }, cancellation);
        await storage.WriteStateAsync("state", kept, new TestGrainState<ProfileStateV1> { ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) }, cancellation);

        var read = new TestGrainState<ProfileStateV1>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(50, cancellation);
            await storage.ReadStateAsync("state", expired, read, cancellation);
        }
        while (read.ETag is not null && DateTime.UtcNow < deadline);

        Assert.Null(read.ETag);
        await storage.ReadStateAsync("state", kept, read, cancellation);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Silo_WithInvalidExpirySettings_RefusesToStartAndNamesEveryBadSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["Storage:Expiry:SweepInterval"] = "00:00:00",
            ["Storage:Expiry:BatchSize"] = "0",
        }));

        Assert.Contains("Storage:Expiry:SweepInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Expiry:BatchSize", error.Message, StringComparison.Ordinal);
    }
}
