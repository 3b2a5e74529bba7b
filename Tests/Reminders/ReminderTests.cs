using System.Diagnostics;
using GameCluster.Hosting;
using GameCluster.Reminders;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.Storage;
using GameCluster.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.Reminders;

/// <summary>
/// Durable reminders on a real database: they fire repeatedly, reactivate a deactivated grain, survive a silo
/// restart, stop when unregistered, and reject what the runtime cannot honour.
/// </summary>
public abstract class ReminderTests(TestDatabase database) : IAsyncLifetime
{
    private const string StateName = "reminders";

    // Timers and clocks disagree by a few milliseconds; a duplicate tick comes a whole period early.
    private const int EarlyToleranceMs = 30;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly List<TestSilo> _silos = [];
    private readonly List<string> _keys = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        // Leave no reminder behind for the next silo that starts on this database.
        if (_keys.Count > 0)
        {
            await database.DeleteRemindersAsync(_keys);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_WithOneSecondPeriod_FiresRepeatedlyAndPersistsTicks()
    {
        var silo = await StartSiloAsync();
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);
        var registered = Stopwatch.StartNew();

        await grain.RegisterAsync("heartbeat", dueMs: 100, periodMs: 1_000);

        await silo.Probe.WaitForAsync(p => p.Count(Tick(key, "heartbeat")) >= 3, Timeout);
        Assert.True(registered.Elapsed >= TimeSpan.FromMilliseconds(100 + 2_000 - EarlyToleranceMs), $"3 ticks after {registered.Elapsed}: one period apart they need 2.1 s");
        Assert.True(await grain.GetTicksAsync() >= 3);
        var row = await database.ReadGrainStateAsync(grain.GetGrainId(), StateName);
        Assert.NotNull(row);
        using var json = row.ParsePayload();
        Assert.True(json.RootElement.GetProperty("ticks").GetInt32() >= 3);
        Assert.Equal(["heartbeat"], await database.ReadReminderNamesAsync(grain.GetGrainId()));
    }

    [Fact]
    public async Task Reminder_WhenItsTimerFiresEarly_DeliversEachTickOnce()
    {
        var silo = await StartSiloAsync(configure: s => s.Services.AddSingleton<TimeProvider>(new EarlyFiringTimeProvider(TimeSpan.FromMilliseconds(50))));
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);
        var registered = Stopwatch.StartNew();

        await grain.RegisterAsync("early", dueMs: 100, periodMs: 1_000);

        await silo.Probe.WaitForAsync(p => p.Count(Tick(key, "early")) >= 3, Timeout);
        Assert.True(registered.Elapsed >= TimeSpan.FromMilliseconds(100 + 2_000 - 50 - EarlyToleranceMs), $"3 ticks after {registered.Elapsed}: one period apart they need 2.05 s");
    }

    [Fact]
    public async Task Reminder_AfterGrainWasDeactivated_ReactivatesTheGrainAndFires()
    {
        var silo = await StartSiloAsync();
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);
        await grain.RegisterAsync("wake", dueMs: 1_000, periodMs: 1_000);

        await grain.DeactivateAsync();
        await silo.Probe.WaitForAsync(p => p.Count($"reminder-deactivate:{key}") == 1, Timeout);

        // No client call from here on: only the reminder can bring the grain back.
        await silo.Probe.WaitForAsync(p => TicksAfterActivation(p, key, "wake", activation: 2) >= 1, Timeout);
        Assert.Equal(2, silo.Probe.Count($"reminder-activate:{key}"));
    }

    [Fact]
    public async Task Reminder_AfterSiloRestart_FiresOnTheNewSilo()
    {
        var key = NewKey();
        var firstProbe = new GrainProbe();
        var first = await StartSiloAsync(firstProbe);
        await first.GrainFactory.GetGrain<IReminderGrain>(key).RegisterAsync("restart", dueMs: 2_000, periodMs: 1_000);
        _silos.Remove(first);
        await first.DisposeAsync();
        Assert.Equal(0, firstProbe.Count(Tick(key, "restart")));

        var second = await StartSiloAsync();

        await second.Probe.WaitForAsync(p => p.Count(Tick(key, "restart")) >= 1, Timeout);
        Assert.Equal(1, second.Probe.Count($"reminder-activate:{key}"));
        Assert.Equal(0, firstProbe.Count(Tick(key, "restart")));
    }

    [Fact]
    public async Task UnregisterReminder_StopsItsTicksAndRemovesItFromGetReminders()
    {
        var silo = await StartSiloAsync();
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);
        await grain.RegisterAsync("keep", dueMs: 100, periodMs: 1_000);
        await grain.RegisterAsync("stop", dueMs: 100, periodMs: 1_000);
        Assert.Equal(["keep", "stop"], (await grain.GetReminderNamesAsync()).Order(StringComparer.Ordinal));
        await silo.Probe.WaitForAsync(p => p.Count(Tick(key, "stop")) >= 1, Timeout);

        await grain.UnregisterAsync("stop");

        Assert.Equal(["keep"], await grain.GetReminderNamesAsync());
        Assert.Equal(["keep"], await database.ReadReminderNamesAsync(grain.GetGrainId()));

        // A tick already on its way when unregistering may still land; after one more period none may.
        var keepTicks = silo.Probe.Count(Tick(key, "keep"));
        await silo.Probe.WaitForAsync(p => p.Count(Tick(key, "keep")) >= keepTicks + 1, Timeout);
        var stopTicks = silo.Probe.Count(Tick(key, "stop"));
        await silo.Probe.WaitForAsync(p => p.Count(Tick(key, "keep")) >= keepTicks + 3, Timeout);
        Assert.Equal(stopTicks, silo.Probe.Count(Tick(key, "stop")));
    }

    [Fact]
    public async Task UnregisterReminder_WhileARefreshHoldsAnOlderSnapshot_StaysUnregistered()
    {
        // Refreshes 2 s apart: a reminder the held refresh wrongly re-armed would tick before the next refresh drops it.
        var silo = await StartSiloAsync(configure: GateReminderTable, refreshPeriod: "00:00:02");
        var table = (GatedReminderTable)silo.Services.GetRequiredService<IReminderTable>();
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);
        await grain.RegisterAsync("keep", dueMs: 100, periodMs: 1_000);
        await grain.RegisterAsync("stop", dueMs: 100, periodMs: 1_000);

        // The next refresh reads both reminders, then waits while "stop" is unregistered.
        table.HoldNextShareRead();
        await table.Held.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var unregister = grain.UnregisterAsync("stop");
        await Task.WhenAny(unregister, Task.Delay(300, TestContext.Current.CancellationToken));
        table.Release();
        await unregister;

        // A tick that fired before the unregistration was handled is still delivered after it (it waited for the
        // grain's turn); let it land. A reminder the held refresh re-armed would keep ticking after that.
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var stopTicks = silo.Probe.Count(Tick(key, "stop"));

        var keepTicks = silo.Probe.Count(Tick(key, "keep"));
        await silo.Probe.WaitForAsync(p => p.Count(Tick(key, "keep")) >= keepTicks + 2, Timeout);
        Assert.Equal(stopTicks, silo.Probe.Count(Tick(key, "stop")));
        Assert.Equal(["keep"], await database.ReadReminderNamesAsync(grain.GetGrainId()));
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_WithPeriodBelowMinimum_ThrowsArgumentOutOfRangeToTheCaller()
    {
        var silo = await StartSiloAsync();
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(NewKey());

        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.RegisterAsync("too-fast", dueMs: 0, periodMs: 500));

        Assert.Contains("Reminders:MinimumPeriod", exception.Message, StringComparison.Ordinal);
        Assert.Empty(await grain.GetReminderNamesAsync());
        Assert.Empty(await database.ReadReminderNamesAsync(grain.GetGrainId()));
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_FromGrainNotImplementingIRemindable_FailsWithClearError()
    {
        var silo = await StartSiloAsync();
        var grain = silo.GrainFactory.GetGrain<INotRemindableGrain>(NewKey());

        var fromGrain = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.RegisterAsync("never"));
        var fromRegistry = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            silo.Services.GetRequiredService<IReminderRegistry>().RegisterOrUpdateReminderAsync(
                grain.GetGrainId(), "never", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));

        Assert.Contains(nameof(IRemindable), fromGrain.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(NotRemindableGrain), fromGrain.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IRemindable), fromRegistry.Message, StringComparison.Ordinal);
        Assert.Empty(await database.ReadReminderNamesAsync(grain.GetGrainId()));
    }

    [Fact]
    public async Task ReminderTable_ReadShare_SplitsTheRemindersByGrainHash_WithoutOverlapOrGaps()
    {
        await using var silo = await StartSiloAsync();
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var cancellation = TestContext.Current.CancellationToken;
        var grains = Enumerable.Range(0, 40).Select(_ => new GrainId("reminder-share", NewKey())).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertAsync(new ReminderEntry(grain, "share", DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromHours(1)), cancellation);
        }

        const int Shares = 3;
        var seen = new List<GrainId>();
        for (var share = 0; share < Shares; share++)
        {
            var mine = (await table.ReadShareAsync(share, Shares, cancellation)).Select(static e => e.GrainId).Where(grains.Contains).ToList();
            Assert.All(mine, grain => Assert.Equal((uint)share, grain.GetUniformHashCode() % Shares));
            seen.AddRange(mine);
        }

        var expected = grains.Select(static g => g.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, seen.Select(static g => g.Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected, (await table.ReadShareAsync(0, 1, cancellation)).Where(e => grains.Contains(e.GrainId)).Select(static e => e.GrainId.Key).Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.ReadShareAsync(3, 3, cancellation));
    }

    private static void GateReminderTable(ISiloBuilder silo)
    {
        var registered = silo.Services.Last(d => d.ServiceType == typeof(IReminderTable));
        silo.Services.Remove(registered);
        silo.Services.AddSingleton<IReminderTable>(sp => new GatedReminderTable((IReminderTable)registered.ImplementationFactory!(sp)));
    }

    private static string Tick(string key, string reminderName) => $"tick:{key}:{reminderName}";

    /// <summary>Ticks of a reminder recorded after the grain's n-th activation.</summary>
    private static int TicksAfterActivation(GrainProbe probe, string key, string reminderName, int activation)
    {
        var events = probe.Events;
        var seen = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] == $"reminder-activate:{key}" && ++seen == activation)
            {
                return events.Skip(i + 1).Count(e => e == Tick(key, reminderName));
            }
        }

        return 0;
    }

    private string NewKey()
    {
        var key = TestServices.NewKey("reminder");
        _keys.Add(key);
        return key;
    }

    private async Task<TestSilo> StartSiloAsync(GrainProbe? probe = null, Action<ISiloBuilder>? configure = null, string refreshPeriod = "00:00:01")
    {
        var silo = await TestSilo.StartAsync(
            silo =>
            {
                database.AddGrainStorage(silo);
                database.UseReminders(silo);
                configure?.Invoke(silo);
            },
            new Dictionary<string, string?>
            {
                ["Reminders:MinimumPeriod"] = "00:00:01",
                ["Reminders:RefreshPeriod"] = refreshPeriod,
            },
            memoryStorage: false,
            probe);
        _silos.Add(silo);
        return silo;
    }
}
