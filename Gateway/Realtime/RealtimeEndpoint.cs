using GameCluster.Gateway.Http;
using GameCluster.Gateway.RateLimiting;
using GameCluster.Gateway.Realtime.Upgrade;
using Microsoft.AspNetCore.Connections.Features;

namespace GameCluster.Gateway.Realtime;

/// <summary>
/// Accepts <c>GET /ws</c> through the HTTP pipeline: counts the attempt against the client IP's <c>/ws</c> limit
/// (<see cref="SocketConnectRateLimiter"/>, 429), authenticates the player with <see cref="RealtimeAuthenticator"/>
/// (a bearer token in the header or the <c>access_token</c> query parameter, or a single-use <c>nonce</c>), reads
/// <c>last_seq</c>, upgrades, and runs a <see cref="RealtimeSession"/> until the socket closes. Most upgrades never get
/// here: <see cref="RealtimeUpgradeMiddleware"/> accepts them below the HTTP pipeline and sends here what it does not
/// handle itself. An attempt it already refused arrives with an <see cref="UpgradeRefusal"/> and is answered with that
/// refusal (the same 401 or 429 as here) without being checked or counted again.
/// </summary>
public sealed partial class RealtimeEndpoint(
    RealtimeServices services,
    RealtimeAuthenticator authenticator,
    SocketConnectRateLimiter rateLimiter,
    ILogger<RealtimeEndpoint> logger)
{
    /// <summary>Handles one connection attempt.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remoteAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (TakeRefusal(context) is { } refusal)
        {
            if (refusal.RetryAfterSeconds is { } seconds)
            {
                await RateLimitRejection.ExecuteAsync(context, seconds);
            }
            else
            {
                await UnauthenticatedAsync(context); // logged where it was refused
            }

            return;
        }

        if (!rateLimiter.TryAcquire(remoteAddress, out var retryAfter))
        {
            await RateLimitRejection.ExecuteAsync(context, retryAfter);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.Invalid("This endpoint only accepts WebSocket upgrades.").ExecuteAsync(context);
            return;
        }

        if (!RealtimeAuthenticator.TryReadLastSeq(context.Request.Query, out var lastSeq))
        {
            await Problems.Invalid("'last_seq' must be a non-negative integer.").ExecuteAsync(context);
            return;
        }

        var playerId = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization, context.Request.Query, context.RequestAborted);
        if (playerId is null)
        {
            await RefuseUnauthenticatedAsync(context, remoteAddress);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = services.Options.PingInterval,
            KeepAliveTimeout = services.Options.ClientTimeout,
        });
        using var session = new RealtimeSession(socket, playerId, remoteAddress, connectionLevel: false, services);
        await session.RunAsync(lastSeq, context.RequestAborted);
    }

    // The refusal the connection-level upgrade left for this very request (same Sec-WebSocket-Key), taken once.
    private static UpgradeRefusal? TakeRefusal(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null || !items.TryGetValue(UpgradeRefusal.ItemKey, out var item) || item is not UpgradeRefusal refusal)
        {
            return null;
        }

        items.Remove(UpgradeRefusal.ItemKey);
        return string.Equals(refusal.WebSocketKey, context.Request.Headers.SecWebSocketKey.ToString(), StringComparison.Ordinal) ? refusal : null;
    }

    private async Task RefuseUnauthenticatedAsync(HttpContext context, string remoteAddress)
    {
        LogRejected(logger, remoteAddress);
        await UnauthenticatedAsync(context);
    }

    private static Task UnauthenticatedAsync(HttpContext context) =>
        Problems.Unauthenticated("Connect with an access token or a connect nonce.").ExecuteAsync(context);

    [LoggerMessage(EventId = 8171, Level = LogLevel.Information, Message = "Socket connection from {RemoteAddress} rejected: no valid credential")]
    private static partial void LogRejected(ILogger logger, string remoteAddress);
}
