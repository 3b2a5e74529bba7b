namespace GameCluster;

/// <summary>
/// A call would wait for a non-reentrant grain that is itself waiting, further up the same call chain, for this
/// call: A calls B, B calls A while A's request is still running.
/// </summary>
public sealed class DeadlockException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeadlockException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeadlockException() : base("Deadlock detected in a grain call chain.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeadlockException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
