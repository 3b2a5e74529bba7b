using System.Net;

namespace GameCluster.Client;

/// <summary>
/// Refreshing the access token failed. When <see cref="IsSignedOut"/> is set the gateway rejected the refresh token
/// (expired, revoked, or already used, which revokes its whole family): the client has dropped its tokens and the
/// player must sign in again. Otherwise the failure was transient (gateway unreachable, draining) and the tokens are kept.
/// </summary>
public sealed class TokenRefreshException : GameClientException
{
    /// <summary>Creates the exception.</summary>
    public TokenRefreshException(string code, string message, bool isSignedOut, HttpStatusCode? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(code, message, statusCode, retryAfter, innerException)
    {
        IsSignedOut = isSignedOut;
    }

    /// <summary>Creates a signed-out exception.</summary>
    public TokenRefreshException()
        : this(GameErrorCodes.Unauthenticated, "The refresh token was rejected; sign in again.", isSignedOut: true)
    {
    }

    /// <summary>Creates a signed-out exception.</summary>
    public TokenRefreshException(string message)
        : this(GameErrorCodes.Unauthenticated, message, isSignedOut: true)
    {
    }

    /// <summary>Creates a signed-out exception.</summary>
    public TokenRefreshException(string message, Exception innerException)
        : this(GameErrorCodes.Unauthenticated, message, isSignedOut: true, innerException: innerException)
    {
    }

    /// <summary>Whether the sign-in is over (the client has no tokens any more).</summary>
    public bool IsSignedOut { get; }
}
