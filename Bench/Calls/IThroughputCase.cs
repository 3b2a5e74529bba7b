namespace GameCluster.Bench.Calls;

/// <summary>One way of making request/response calls, driven by a number of concurrent callers.</summary>
public interface IThroughputCase : IAsyncDisposable
{
    /// <summary>A short name for tables.</summary>
    string Name { get; }

    /// <summary>What the case measures: <c>grain</c> or <c>channel</c>.</summary>
    string Kind { get; }

    /// <summary>How many callers call concurrently.</summary>
    int Callers { get; }

    /// <summary>How many distinct targets (grains, channels or consumers) receive the calls.</summary>
    int Targets { get; }

    /// <summary>Creates the targets (activating grains, starting consumers) before any round.</summary>
    Task SetupAsync();

    /// <summary>Calls in a loop until <paramref name="stop"/> is set; returns the number of completed calls.</summary>
    Task<long> RunCallerAsync(int caller, StopSignal stop);
}
