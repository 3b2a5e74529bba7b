namespace GameCluster;

/// <summary>Implemented by grain classes that register durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called on each reminder tick; the grain is activated first if needed.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
