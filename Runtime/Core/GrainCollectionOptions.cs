namespace GameCluster.Runtime;

/// <summary>Activation lifetime and queueing settings (configuration section <c>Grains</c>).</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Grains";

    /// <summary>An activation idle this long is deactivated. Default 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest <c>OnActivateAsync</c> (with the state read) may take. Default 30 seconds.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>OnDeactivateAsync</c> may take, and the longest shutdown waits for running requests. Default 30 seconds.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most requests one activation keeps waiting (not yet started); a call beyond that fails at once with
    /// <see cref="GrainOverloadedException"/> instead of queueing until it times out. 0 means no limit. Default 5,000.
    /// </summary>
    public int MaxWaitingRequests { get; set; } = 5_000;

    /// <summary>
    /// The most requests all of a silo's activations keep waiting together, so that a silo taking more calls than it
    /// can run holds a bounded amount of memory; a call that would wait beyond that fails at once with
    /// <see cref="GrainOverloadedException"/>. Calls that start at once are never refused. 0 means no limit. Default
    /// 100,000.
    /// </summary>
    public int MaxWaitingRequestsPerSilo { get; set; } = 100_000;
}
