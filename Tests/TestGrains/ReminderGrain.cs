using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.TestGrains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name, int dueMs, int periodMs);

    Task UnregisterAsync(string name);

    Task<List<string>> GetReminderNamesAsync();

    [ReadOnly]
    Task<int> GetTicksAsync();

    Task DeactivateAsync();

    Task RegisterThenStayBusyAsync(string name, int periodMs, int busyMs);
}

public sealed class ReminderState
{
    public int Ticks { get; set; }
}

public sealed class ReminderGrain([PersistentState("reminders")] IPersistentState<ReminderState> state, GrainProbe probe) : Grain, IReminderGrain, IRemindable
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"reminder-activate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"reminder-deactivate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task RegisterAsync(string name, int dueMs, int periodMs) =>
        RegisterOrUpdateReminder(name, TimeSpan.FromMilliseconds(dueMs), TimeSpan.FromMilliseconds(periodMs));

    public async Task UnregisterAsync(string name)
    {
        if (await GetReminder(name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task<List<string>> GetReminderNamesAsync() => [.. (await GetReminders()).Select(r => r.ReminderName)];

    public Task<int> GetTicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task RegisterThenStayBusyAsync(string name, int periodMs, int busyMs)
    {
        await RegisterOrUpdateReminder(name, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
        await Task.Delay(busyMs);
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
        probe.Record($"tick:{this.GetPrimaryKeyString()}:{reminderName}");
    }
}
