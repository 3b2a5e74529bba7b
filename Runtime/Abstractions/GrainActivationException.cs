namespace GameCluster;

/// <summary>A grain could not be activated; the inner exception says why. The next call tries again.</summary>
public sealed class GrainActivationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainActivationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainActivationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainActivationException() : base("The grain could not be activated.")
    {
    }
}
