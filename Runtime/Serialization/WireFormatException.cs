namespace GameCluster.Serialization;

/// <summary>Bytes that do not follow the wire format, or a field whose encoding does not match its type.</summary>
public sealed class WireFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WireFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WireFormatException() : base("Malformed serialized data.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WireFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
