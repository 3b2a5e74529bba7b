namespace GameCluster;

/// <summary>
/// The grain already has as many requests waiting as <c>Grains:MaxWaitingRequests</c> allows, so this call was refused
/// without running; retry it later. A caller that sees it often is sending one grain more than it can handle.
/// </summary>
public sealed class GrainOverloadedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainOverloadedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainOverloadedException() : base("The grain has too many requests waiting.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainOverloadedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
