namespace GameCluster.Client;

/// <summary>
/// The stable <see cref="GameClientException.Code"/> values: the gateway's codes (problem+json <c>code</c> and error
/// envelope <c>code</c>) and the ones this client adds for failures that never reached the gateway.
/// </summary>
public static class GameErrorCodes
{
    /// <summary>Gateway: the request body or a parameter is malformed or out of range.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>Gateway: no or an invalid credential was presented.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>Gateway: the caller may not do this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Gateway: the resource does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>Gateway: the request conflicts with the current state (e.g. the username is taken).</summary>
    public const string Conflict = "conflict";

    /// <summary>Gateway: too many requests; see <see cref="GameClientException.RetryAfter"/>.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>Gateway: draining or the cluster is unavailable; retry elsewhere or later.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Gateway: the request body is larger than allowed.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>Gateway: a realtime message broke the protocol.</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>Gateway: a realtime message type the gateway does not know.</summary>
    public const string UnknownType = "unknown_type";

    /// <summary>Gateway: the pushes asked for are no longer buffered.</summary>
    public const string ResyncRequired = "resync_required";

    /// <summary>Gateway: an unexpected server error.</summary>
    public const string InternalError = "internal_error";

    /// <summary>Client: no answer within <see cref="GameClientOptions.RequestTimeout"/> (or the connect timeout).</summary>
    public const string Timeout = "timeout";

    /// <summary>Client: the gateway could not be reached.</summary>
    public const string ConnectionFailed = "connection_failed";

    /// <summary>Client: the realtime socket dropped (or was not connected) while the request was outstanding.</summary>
    public const string ConnectionLost = "connection_lost";

    /// <summary>Client: a newer connection of the same player replaced this realtime session.</summary>
    public const string SessionReplaced = "session_replaced";

    /// <summary>Client: there are no tokens; sign in first.</summary>
    public const string NotSignedIn = "not_signed_in";

    /// <summary>Client: the gateway answered something this client cannot read.</summary>
    public const string InvalidResponse = "invalid_response";

    /// <summary>Client: an HTTP error without a problem+json body (e.g. from a proxy).</summary>
    public const string HttpError = "http_error";
}
