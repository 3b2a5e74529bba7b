namespace GameCluster;

/// <summary>
/// A state write found a newer version in storage than the one this activation read: another activation of the
/// same grain wrote first. The activation that sees this is deactivated so the next call reads fresh state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message, string? storedEtag = null, string? currentEtag = null)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InconsistentStateException() : base("The stored state changed since this activation read it.")
    {
    }

    /// <summary>The ETag found in storage, when known.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag this activation held.</summary>
    public string? CurrentEtag { get; }
}
