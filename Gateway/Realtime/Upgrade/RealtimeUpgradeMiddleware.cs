using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using GameCluster.Gateway.RateLimiting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>
/// Kestrel connection middleware that accepts realtime sockets below the HTTP pipeline. When a new connection starts
/// with a plain WebSocket upgrade of <c>/ws</c> (<see cref="UpgradeRequestParser"/>, within Kestrel's limits) with a
/// valid <c>last_seq</c>, the gateway is not draining, the client IP is within its <c>/ws</c> attempt limit
/// (<see cref="SocketConnectRateLimiter"/>) and the credential is valid (<see cref="RealtimeAuthenticator"/>), it
/// answers <c>101</c> itself and runs the <see cref="RealtimeSession"/> on the raw connection. An idle socket then holds
/// no HTTP request, context, headers, middleware frames or principal: only the transport, the WebSocket and the session.
/// Everything else goes on to the HTTP pipeline with every byte unread and is answered there exactly as without this
/// middleware. A complete upgrade refused here (credential or rate limit) goes there too, with an
/// <see cref="UpgradeRefusal"/> in the connection's items so that <see cref="RealtimeEndpoint"/> answers the refusal
/// without checking the attempt again.
/// </summary>
public sealed partial class RealtimeUpgradeMiddleware(
    ConnectionDelegate next,
    RealtimeServices services,
    RealtimeAuthenticator authenticator,
    SocketConnectRateLimiter rateLimiter,
    RealtimeInstruments instruments,
    IOptions<KestrelServerOptions> kestrel,
    ILogger<RealtimeUpgradeMiddleware> logger)
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly TimeSpan _firstByteTimeout = kestrel.Value.Limits.KeepAliveTimeout;
    private readonly TimeSpan _headersTimeout = kestrel.Value.Limits.RequestHeadersTimeout;
    private readonly UpgradeHeadLimits _limits = UpgradeHeadLimits.From(kestrel.Value.Limits);

    private enum HeadOutcome
    {
        Upgrade,
        FallThrough,
        TimedOut,
        ClientLeft,
    }

    /// <summary>Handles one connection.</summary>
    public async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (services.Drain.IsDraining)
        {
            await FallThroughAsync(connection, "draining");
            return;
        }

        var (outcome, request) = await ReadUpgradeAsync(connection);
        switch (outcome)
        {
            case HeadOutcome.TimedOut:
                instruments.Upgrade(RealtimeInstruments.TimedOut);
                return;
            case HeadOutcome.ClientLeft:
                instruments.Upgrade(RealtimeInstruments.ClientLeft);
                return;
            case HeadOutcome.FallThrough:
                await FallThroughAsync(connection, "not_plain_upgrade");
                return;
        }

        var query = new QueryCollection(QueryHelpers.ParseQuery(request!.QueryString));
        if (!RealtimeAuthenticator.TryReadLastSeq(query, out var lastSeq))
        {
            await FallThroughAsync(connection, "invalid_last_seq");
            return;
        }

        // Before the credential is checked (a nonce is used up by the check): while draining, the HTTP pipeline answers
        // 503 with Retry-After and the nonce stays valid for another gateway.
        if (services.Drain.IsDraining)
        {
            await FallThroughAsync(connection, "draining");
            return;
        }

        var remoteAddress = (connection.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";
        if (!rateLimiter.TryAcquire(remoteAddress, out var retryAfter))
        {
            await RefuseAsync(connection, new UpgradeRefusal(request.WebSocketKey, retryAfter), remoteAddress, "rate_limited");
            return;
        }

        string? playerId;
        try
        {
            playerId = await authenticator.AuthenticateAsync(request.Authorization, query, connection.ConnectionClosed);
            if (playerId is null)
            {
                await RefuseAsync(connection, new UpgradeRefusal(request.WebSocketKey, null), remoteAddress, "unauthenticated");
                return;
            }

            // The nonce (if any) is used up from here on: this connection is a socket now, even if draining has just
            // begun (the session then tells the client to reconnect elsewhere).
            await AcceptAsync(connection, request);
        }
        catch (Exception exception) when (IsConnectionGone(exception))
        {
            instruments.Upgrade(RealtimeInstruments.ClientLeft);
            LogClientLeftDuringHandshake(logger, connection.ConnectionId);
            return;
        }

        instruments.Upgrade(RealtimeInstruments.Accepted);
        LogAccepted(logger, connection.ConnectionId, playerId, remoteAddress);
        try
        {
            using var socket = WebSocket.CreateFromStream(new DuplexPipeStream(connection.Transport), new WebSocketCreationOptions
            {
                IsServer = true,
                KeepAliveInterval = services.Options.PingInterval,
                KeepAliveTimeout = services.Options.ClientTimeout,
            });
            using var session = new RealtimeSession(socket, playerId, remoteAddress, connectionLevel: true, services);
            await session.RunAsync(lastSeq, connection.ConnectionClosed);
        }
        catch (Exception exception) when (IsConnectionGone(exception) || exception is WebSocketException)
        {
            // The client left while the session attached or ran; the connection closes when this returns.
            LogSessionEndedByClient(logger, connection.ConnectionId, playerId, exception.GetType().Name);
        }
    }

    private static bool IsConnectionGone(Exception exception) =>
        exception is OperationCanceledException or IOException or ConnectionResetException or ObjectDisposedException;

    private Task FallThroughAsync(ConnectionContext connection, string reason)
    {
        instruments.Upgrade(RealtimeInstruments.FellThrough, reason);
        return next(connection);
    }

    private Task RefuseAsync(ConnectionContext connection, UpgradeRefusal refusal, string remoteAddress, string reason)
    {
        instruments.Upgrade(RealtimeInstruments.Refused, reason);
        LogRefused(logger, connection.ConnectionId, remoteAddress, reason);
        connection.Items[UpgradeRefusal.ItemKey] = refusal;
        return next(connection);
    }

    /// <summary>Reads the request head when the connection may start with an upgrade of <c>/ws</c>; consumes nothing.</summary>
    private async Task<(HeadOutcome Outcome, UpgradeRequest? Request)> ReadUpgradeAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        // Gone, asked to close (Kestrel stopping), or silent too long: Kestrel would close it too.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, closeRequested);
        timeout.CancelAfter(_firstByteTimeout);
        var first = true;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token);
                if (first)
                {
                    first = false;
                    timeout.CancelAfter(_headersTimeout);
                }

                var status = UpgradeRequestParser.TryParse(result.Buffer, _limits, out var request);
                if (status == UpgradeParseStatus.NeedMoreData && !result.IsCompleted && !result.IsCanceled)
                {
                    input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                    continue;
                }

                // Consume nothing and leave nothing examined: the next reader (this middleware's accept, or Kestrel's
                // HTTP parser) gets the same bytes at once.
                input.AdvanceTo(result.Buffer.Start);
                return status == UpgradeParseStatus.Upgrade ? (HeadOutcome.Upgrade, request) : (HeadOutcome.FallThrough, null);
            }
        }
        catch (OperationCanceledException) when (connection.ConnectionClosed.IsCancellationRequested)
        {
            LogClientLeftDuringHead(logger, connection.ConnectionId);
            return (HeadOutcome.ClientLeft, null);
        }
        catch (OperationCanceledException)
        {
            if (closeRequested.IsCancellationRequested)
            {
                LogClosedOnShutdown(logger, connection.ConnectionId);
            }
            else
            {
                LogHandshakeTimedOut(logger, connection.ConnectionId);
            }

            connection.Abort(new ConnectionAbortedException("The request head did not arrive in time."));
            return (HeadOutcome.TimedOut, null);
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or ObjectDisposedException)
        {
            LogClientLeftDuringHead(logger, connection.ConnectionId);
            return (HeadOutcome.ClientLeft, null);
        }
    }

    private static async Task AcceptAsync(ConnectionContext connection, UpgradeRequest request)
    {
        var input = connection.Transport.Input;
        var head = await input.ReadAsync(connection.ConnectionClosed);
        input.AdvanceTo(head.Buffer.GetPosition(request.HeaderBytes));
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(request.WebSocketKey + AcceptGuid)));
        var response = Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n");
        await connection.Transport.Output.WriteAsync(response, connection.ConnectionClosed);
    }
}
