namespace GameCluster.Bench.Memory;

/// <summary>What the memory scenario measured.</summary>
public sealed record MemoryResult
{
    /// <summary>Activations the scenario asked for.</summary>
    public required int Requested { get; init; }

    /// <summary>Activations the silo reports as added during the scenario.</summary>
    public required long Activated { get; init; }

    /// <summary>Concurrent callers that activated them.</summary>
    public required int Callers { get; init; }

    /// <summary>Time to activate them all.</summary>
    public required TimeSpan ActivationTime { get; init; }

    /// <summary>Managed heap after full compacting collections, before activation.</summary>
    public required long HeapBefore { get; init; }

    /// <summary>Managed heap after full compacting collections, with every activation alive.</summary>
    public required long HeapAfter { get; init; }

    /// <summary>Process working set before activation.</summary>
    public required long WorkingSetBefore { get; init; }

    /// <summary>Process working set after activation and the collections.</summary>
    public required long WorkingSetAfter { get; init; }

    /// <summary>Highest working set of the process so far.</summary>
    public required long PeakWorkingSet { get; init; }

    /// <summary>Highest working set of the whole run, including the allocation sample and the graceful stop.</summary>
    public long PeakWorkingSetAtEnd { get; init; }

    /// <summary>Memory the GC had committed after the collections.</summary>
    public required long GcCommitted { get; init; }

    /// <summary>Bytes allocated per activation (kept or not), counted exactly over a sample; <see langword="null"/> when not measured.</summary>
    public required double? AllocatedPerActivation { get; init; }

    /// <summary>Gen 0 / 1 / 2 collections while activating.</summary>
    public required (int Gen0, int Gen1, int Gen2) Collections { get; init; }

    /// <summary>The machine's load averages at start and end (the machine is shared).</summary>
    public required string Load { get; init; }

    /// <summary>Time to stop the silo gracefully (deactivating everything), or <see langword="null"/> when it did not finish.</summary>
    public TimeSpan? ShutdownTime { get; init; }

    /// <summary>Retained managed bytes per activation.</summary>
    public double BytesPerActivation => (double)(HeapAfter - HeapBefore) / Activated;

    /// <summary>Activations per second.</summary>
    public double ActivationsPerSecond => Activated / ActivationTime.TotalSeconds;
}
