namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>
/// Left in the connection's items by <see cref="RealtimeUpgradeMiddleware"/> when it refused a complete upgrade and
/// handed it to the HTTP pipeline: <see cref="RealtimeEndpoint"/> then answers that request (matched by its
/// <c>Sec-WebSocket-Key</c>) with the refusal instead of checking the attempt again, so a nonce is never redeemed twice
/// and an attempt counts once against the per-IP limit.
/// </summary>
/// <param name="WebSocketKey">The refused request's <c>Sec-WebSocket-Key</c>.</param>
/// <param name="RetryAfterSeconds">When rate limited, the seconds to wait; <see langword="null"/> when the credential was refused.</param>
public sealed record UpgradeRefusal(string WebSocketKey, int? RetryAfterSeconds)
{
    /// <summary>The key of the connection item.</summary>
    public static Type ItemKey => typeof(UpgradeRefusal);
}
