using GameCluster.Hosting;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;

namespace GameCluster.Tests.Reminders;

public sealed class BusyGrainReminderTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("gamecluster-reminders-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task ReminderTick_ReachingABusyGrainThatRegisteredIt_WaitsItsTurnInsteadOfFailingAsADeadlock()
    {
        await using var silo = await TestSilo.StartAsync(
            s => s.AddSqliteGrainStorage(Runtime.GrainStorageNames.Default, o => o.DataDirectory = _dataDirectory)
                .UseSqliteReminders(o => o.DataDirectory = _dataDirectory),
            new Dictionary<string, string?> { ["Reminders:MinimumPeriod"] = "00:00:01", ["Reminders:RefreshPeriod"] = "00:01:00" },
            memoryStorage: false);
        var key = TestServices.NewKey("busy");
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);

        // The grain registers the reminder (due in 2 s, then every 2 s) and stays busy for 3 s, past its first tick.
        // The tick must wait its turn and arrive right after the busy request, not fail and leave a gap until 4 s.
        await grain.RegisterThenStayBusyAsync("tick", periodMs: 2000, busyMs: 3000);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.Equal(1, silo.Probe.Count($"tick:{key}:tick"));
        await grain.UnregisterAsync("tick");
    }
}
