namespace GameCluster;

/// <summary>
/// An exception thrown in another process whose type cannot be recreated here; it keeps the original type name,
/// message and stack trace.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string originalTypeName, string message, string? remoteDetail)
        : base(message)
    {
        OriginalTypeName = originalTypeName;
        RemoteDetail = remoteDetail;
    }

    /// <summary>Creates the exception.</summary>
    public RemoteGrainException() : this("unknown", "A remote grain call failed.", null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string message) : this("unknown", message, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string message, Exception innerException) : base(message, innerException)
    {
        OriginalTypeName = "unknown";
    }

    /// <summary>The full name of the exception type thrown remotely.</summary>
    public string OriginalTypeName { get; }

    /// <summary>The remote exception's text, stack trace included.</summary>
    public string? RemoteDetail { get; }
}
