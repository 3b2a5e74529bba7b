namespace GameCluster.Gateway.Realtime;

/// <summary>Waits that a stopping loop ends early and quietly: cancellation is the loop's signal to stop, not an error.</summary>
internal static class QuietDelay
{
    /// <summary>Waits <paramref name="delay"/> on <paramref name="timeProvider"/>; returns early, without throwing, once <paramref name="cancellationToken"/> is canceled.</summary>
    public static async Task WaitAsync(TimeProvider timeProvider, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
