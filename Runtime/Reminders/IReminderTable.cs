namespace GameCluster.Reminders;

/// <summary>Durable storage of reminders.</summary>
public interface IReminderTable
{
    /// <summary>Prepares the table (applies the schema).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The reminders of one share of the grains: those whose grain id's uniform hash
    /// (<see cref="GrainId.GetUniformHashCode"/>) modulo <paramref name="shareCount"/> is <paramref name="shareIndex"/>.
    /// Share 0 of 1 is every reminder.
    /// </summary>
    Task<IReadOnlyList<ReminderEntry>> ReadShareAsync(int shareIndex, int shareCount, CancellationToken cancellationToken);

    /// <summary>The reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>One reminder, or <see langword="null"/>.</summary>
    Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a reminder; returns it with its new ETag.</summary>
    Task<ReminderEntry> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; returns whether it existed.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);
}
