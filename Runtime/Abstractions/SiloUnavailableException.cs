namespace GameCluster;

/// <summary>The silo that should run the call is stopping or gone; retry the call, it will be routed elsewhere.</summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException() : base("The silo is not available.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
