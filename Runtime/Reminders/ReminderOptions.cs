namespace GameCluster.Reminders;

/// <summary>Reminder settings (configuration section <c>Reminders</c>).</summary>
public sealed class ReminderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Reminders";

    /// <summary>The shortest period a reminder may have. Default 1 minute; reminders are for durable, coarse schedules (use timers for fine ones).</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the silo re-reads the table to pick up reminders changed elsewhere. Default 5 minutes.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
