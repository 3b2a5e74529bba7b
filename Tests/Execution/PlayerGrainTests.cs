using GameCluster.Grains;
using GameCluster.Hosting;
using GameCluster.Runtime;
using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.Execution;

public sealed class PlayerGrainTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gamecluster-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Profile_SurvivesASiloRestart_OnSqlite()
    {
        var playerId = TestServices.NewKey("player");
        await using (var first = await StartSqliteSiloAsync())
        {
            var player = first.GrainFactory.GetGrain<IPlayerGrain>(playerId);
            await player.SetDisplayNameAsync("  Ada  ");
            Assert.Equal(3, await player.IncrementAsync(3));
            Assert.Equal(10, await player.IncrementAsync(7));
        }

        await using var second = await StartSqliteSiloAsync();
        var profile = await second.GrainFactory.GetGrain<IPlayerGrain>(playerId).GetProfileAsync();

        Assert.Equal(playerId, profile.PlayerId);
        Assert.Equal("Ada", profile.DisplayName);
        Assert.Equal(10, profile.Counter);
        Assert.NotEqual(DateTimeOffset.MinValue, profile.UpdatedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("   ab   ")]
    [InlineData("a name that is far too long")]
    [InlineData("bad\u0007name")]
    public async Task SetDisplayName_WithInvalidName_IsRejected_AndChangesNothing(string name)
    {
        await using var silo = await TestSilo.StartAsync();
        var player = silo.GrainFactory.GetGrain<IPlayerGrain>(TestServices.NewKey("player"));

        await Assert.ThrowsAsync<ArgumentException>(() => player.SetDisplayNameAsync(name));

        Assert.Equal(string.Empty, (await player.GetProfileAsync()).DisplayName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public async Task Increment_OutOfRange_IsRejected_AndChangesNothing(long amount)
    {
        await using var silo = await TestSilo.StartAsync();
        var player = silo.GrainFactory.GetGrain<IPlayerGrain>(TestServices.NewKey("player"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => player.IncrementAsync(amount));

        Assert.Equal(0, (await player.GetProfileAsync()).Counter);
    }

    private Task<TestSilo> StartSqliteSiloAsync() => TestSilo.StartAsync(
        silo => silo.AddSqliteGrainStorage(GrainStorageNames.Default, o => o.DataDirectory = _dataDirectory),
        memoryStorage: false);
}
