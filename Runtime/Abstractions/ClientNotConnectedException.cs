namespace GameCluster;

/// <summary>An observer was called but its client is not connected to the calling silo.</summary>
public sealed class ClientNotConnectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClientNotConnectedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClientNotConnectedException() : base("The client is not connected.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClientNotConnectedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
