namespace GameCluster;

/// <summary>A grain call received no response within its deadline.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException() : base("The grain call timed out.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
