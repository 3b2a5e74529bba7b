namespace GameCluster.Gateway.Http;

/// <summary>Stable error codes carried in the <c>code</c> member of every problem+json response and error envelope.</summary>
public static class ErrorCodes
{
    /// <summary>The request body or a parameter is malformed or out of range.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>No or an invalid credential was presented.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The caller may not do this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The resource does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>The request conflicts with the current state.</summary>
    public const string Conflict = "conflict";

    /// <summary>Too many requests; retry after the indicated delay.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The gateway is draining or the cluster is unavailable; retry elsewhere or later.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The request body is larger than allowed.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>A realtime message broke the protocol (not an envelope, or an envelope member of the wrong kind).</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>A realtime message has a type this gateway does not know.</summary>
    public const string UnknownType = "unknown_type";

    /// <summary>The pushes a resuming client asked for are no longer buffered: reload state, then continue from the latest sequence.</summary>
    public const string ResyncRequired = "resync_required";

    /// <summary>An unexpected error; the log has the details.</summary>
    public const string InternalError = "internal_error";
}
