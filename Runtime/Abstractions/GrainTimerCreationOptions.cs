namespace GameCluster;

/// <summary>How a grain timer fires.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay between the end of one tick and the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> fires once.</param>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Ticks may interleave with running requests instead of waiting their turn.</summary>
    public bool Interleave { get; init; }

    /// <summary>Ticks count as activity, keeping the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
