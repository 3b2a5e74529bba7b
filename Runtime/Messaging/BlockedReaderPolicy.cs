namespace GameCluster.Messaging;

/// <summary>
/// Decides when a connection's reading thread, caught held by grain turns, should stop running turns inline: the
/// second time within <see cref="Window"/>. Once alone may be the machine (a process not scheduled) rather than the
/// grain; twice is a pattern. Used by the connection's read loop only, so not thread-safe.
/// </summary>
internal sealed class BlockedReaderPolicy
{
    private long _lastHeld;

    /// <summary>How close together two holds must be, and how long inline running then stops.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Records a hold at <paramref name="timestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp); true when inline running should stop.</summary>
    public bool OnHeld(long timestamp)
    {
        var previous = _lastHeld;
        _lastHeld = timestamp;
        return previous != 0 && System.Diagnostics.Stopwatch.GetElapsedTime(previous, timestamp) < Window;
    }
}
