namespace GameCluster;

/// <summary>A handle to a registered reminder.</summary>
public interface IGrainReminder
{
    /// <summary>The reminder's name, unique within its grain.</summary>
    string ReminderName { get; }

    /// <summary>When the first tick was due.</summary>
    DateTimeOffset StartAt { get; }

    /// <summary>Time between ticks.</summary>
    TimeSpan Period { get; }
}
