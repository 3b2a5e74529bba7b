namespace GameCluster.Reminders;

/// <summary>Durable storage of reminders.</summary>
public interface IReminderTable
{
    /// <summary>Prepares the table (applies the schema).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Every reminder.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>One reminder, or <see langword="null"/>.</summary>
    Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a reminder; returns it with its new ETag.</summary>
    Task<ReminderEntry> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; returns whether it existed.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);
}
