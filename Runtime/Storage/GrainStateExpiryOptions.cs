namespace GameCluster.Storage;

/// <summary>How silos delete grain state past its expiry (configuration section <c>Storage:Expiry</c>).</summary>
public sealed class GrainStateExpiryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage:Expiry";

    /// <summary>How often each silo deletes expired state. Default 10 minutes; expired state reads as absent meanwhile.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows deleted per statement; a sweep repeats statements until fewer are left. Default 1,000.</summary>
    public int BatchSize { get; set; } = 1000;
}
