using GameCluster.Reminders;

namespace GameCluster.Tests.Reminders;

/// <summary>
/// The silo's real reminder table, able to hold one share read (a refresh) after it has read the rows and before it
/// returns them, so a test can change the table while a refresh holds a snapshot.
/// </summary>
public sealed class GatedReminderTable(IReminderTable inner) : IReminderTable
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Completes when a read is being held.</summary>
    public Task Held => _held.Task;

    /// <summary>Holds the next share read.</summary>
    public void HoldNextShareRead() => Volatile.Write(ref _armed, 1);

    /// <summary>Lets the held read return.</summary>
    public void Release() => _released.TrySetResult();

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadShareAsync(int shareIndex, int shareCount, CancellationToken cancellationToken)
    {
        var entries = await inner.ReadShareAsync(shareIndex, shareCount, cancellationToken);
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _held.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        return entries;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => inner.ReadAsync(grainId, cancellationToken);

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        inner.ReadAsync(grainId, reminderName, cancellationToken);

    public Task<ReminderEntry> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken) => inner.UpsertAsync(entry, cancellationToken);

    public Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        inner.RemoveAsync(grainId, reminderName, cancellationToken);
}
