namespace GameCluster.Bench.Calls;

/// <summary>Tells the callers of a round to stop after their current call.</summary>
public sealed class StopSignal
{
    private volatile bool _stopped;

    /// <summary>Whether the round is over.</summary>
    public bool IsStopped => _stopped;

    /// <summary>Ends the round.</summary>
    public void Stop() => _stopped = true;
}
