using System.Globalization;
using System.Net.WebSockets;
using System.Security.Claims;
using GameCluster.Gateway.Auth;
using GameCluster.Gateway.Http;

namespace GameCluster.Gateway.Realtime;

/// <summary>
/// Accepts <c>GET /ws</c>: authenticates the player (a principal set by the authentication middleware, e.g. a bearer
/// token or <c>access_token</c> query parameter, or a single-use <c>nonce</c>), reads <c>last_seq</c>, upgrades, and
/// runs a <see cref="RealtimeSession"/> until the socket closes.
/// </summary>
public sealed partial class RealtimeEndpoint(RealtimeServices services, ILogger<RealtimeEndpoint> logger)
{
    /// <summary>The longest accepted player id.</summary>
    public const int MaxPlayerIdLength = 128;

    /// <summary>Handles one connection attempt.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.Invalid("This endpoint only accepts WebSocket upgrades.").ExecuteAsync(context);
            return;
        }

        long? lastSeq = null;
        if (context.Request.Query.TryGetValue("last_seq", out var lastSeqText))
        {
            if (!long.TryParse(lastSeqText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await Problems.Invalid("'last_seq' must be a non-negative integer.").ExecuteAsync(context);
                return;
            }

            lastSeq = parsed;
        }

        var playerId = await AuthenticateAsync(context);
        if (playerId is null)
        {
            LogRejected(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            await Problems.Unauthenticated("Connect with an access token or a connect nonce.").ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = services.Options.PingInterval,
            KeepAliveTimeout = services.Options.ClientTimeout,
        });
        using var session = new RealtimeSession(socket, playerId, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", services);
        await session.RunAsync(lastSeq, context.RequestAborted);
    }

    private static async Task<string?> AuthenticateAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return PlayerIdOf(context.User);
        }

        if (context.Request.Query.TryGetValue("nonce", out var nonce) && nonce.ToString() is { Length: > 0 and <= 512 } value
            && context.RequestServices.GetService<IConnectNonceRedeemer>() is { } redeemer)
        {
            var principal = await redeemer.RedeemAsync(value, context.RequestAborted);
            return principal is null ? null : PlayerIdOf(principal);
        }

        return null;
    }

    private static string? PlayerIdOf(ClaimsPrincipal principal) =>
        principal.FindFirst(GatewayClaims.PlayerId)?.Value is { Length: > 0 and <= MaxPlayerIdLength } id ? id : null;

    [LoggerMessage(EventId = 8171, Level = LogLevel.Debug, Message = "Socket connection from {RemoteAddress} rejected: no valid credential")]
    private static partial void LogRejected(ILogger logger, string remoteAddress);
}
