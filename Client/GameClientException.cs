using System.Net;

namespace GameCluster.Client;

/// <summary>
/// A call to the gateway failed: an HTTP problem+json answer, a realtime error envelope, or a client-side failure
/// (timeout, unreachable gateway, dropped socket). <see cref="Code"/> is stable (see <see cref="GameErrorCodes"/>).
/// </summary>
/// <remarks>Not sealed: <see cref="TokenRefreshException"/>, <see cref="ConnectionLostException"/> and
/// <see cref="SessionReplacedException"/> refine it, so one <c>catch</c> handles every gateway failure.</remarks>
public class GameClientException : Exception
{
    /// <summary>Creates an exception with a stable code.</summary>
    /// <param name="code">The stable error code.</param>
    /// <param name="message">A human-readable message.</param>
    /// <param name="statusCode">The HTTP status, when the failure was an HTTP answer.</param>
    /// <param name="retryAfter">How long to wait before retrying (429, 503, rate-limited envelopes).</param>
    /// <param name="innerException">The underlying failure.</param>
    public GameClientException(string code, string message, HttpStatusCode? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates an exception with code <see cref="GameErrorCodes.InternalError"/>.</summary>
    public GameClientException()
        : this(GameErrorCodes.InternalError, "The gateway call failed.")
    {
    }

    /// <summary>Creates an exception with code <see cref="GameErrorCodes.InternalError"/>.</summary>
    public GameClientException(string message)
        : this(GameErrorCodes.InternalError, message)
    {
    }

    /// <summary>Creates an exception with code <see cref="GameErrorCodes.InternalError"/>.</summary>
    public GameClientException(string message, Exception innerException)
        : this(GameErrorCodes.InternalError, message, innerException: innerException)
    {
    }

    /// <summary>The stable error code (see <see cref="GameErrorCodes"/>).</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the answer; <see langword="null"/> for realtime errors and client-side failures.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>When the gateway asked the caller to wait (Retry-After, <c>retry_after_ms</c>).</summary>
    public TimeSpan? RetryAfter { get; }
}
