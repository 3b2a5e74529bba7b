namespace GameCluster;

/// <summary>Registers and removes the durable reminders of grains.</summary>
public interface IReminderRegistry
{
    /// <summary>Registers a reminder, or changes its schedule when one with that name exists.</summary>
    Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default);

    /// <summary>Removes a reminder.</summary>
    Task UnregisterReminderAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>One reminder, or <see langword="null"/> when none has that name.</summary>
    Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>All reminders of a grain.</summary>
    Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId, CancellationToken cancellationToken = default);
}
