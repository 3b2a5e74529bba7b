namespace GameCluster.Diagnostics;

/// <summary>Span names emitted by the runtime.</summary>
public static class ActivityNames
{
    /// <summary>A grain call, on the activation that runs it.</summary>
    public const string GrainCall = "gamecluster.grain.call";
}
