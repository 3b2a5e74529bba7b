namespace GameCluster.Reminders;

/// <summary>A stored reminder.</summary>
/// <param name="GrainId">The grain it reminds.</param>
/// <param name="ReminderName">Its name within the grain.</param>
/// <param name="StartAt">When the first tick is due.</param>
/// <param name="Period">Time between ticks.</param>
/// <param name="ETag">The stored version.</param>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, string? ETag = null) : IGrainReminder;
