namespace GameCluster.Timers;

/// <summary>The runtime's handle on a grain timer.</summary>
internal interface IGrainTimerInternal
{
    bool Interleave { get; }

    bool KeepAlive { get; }

    Task RunTickAsync();

    void Stop();
}
