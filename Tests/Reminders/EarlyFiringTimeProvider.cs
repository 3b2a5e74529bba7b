namespace GameCluster.Tests.Reminders;

/// <summary>
/// The system clock, with timers that fire a little before they are due, as coarse OS timers do now and then;
/// makes the reminder service's handling of an early timer deterministic.
/// </summary>
public sealed class EarlyFiringTimeProvider(TimeSpan early) : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new EarlyTimer(System.CreateTimer(callback, state, Early(dueTime, early), period), early);

    private static TimeSpan Early(TimeSpan dueTime, TimeSpan early) =>
        dueTime == Timeout.InfiniteTimeSpan ? dueTime : dueTime > early ? dueTime - early : TimeSpan.Zero;

    private sealed class EarlyTimer(ITimer inner, TimeSpan early) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(Early(dueTime, early), period);

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
