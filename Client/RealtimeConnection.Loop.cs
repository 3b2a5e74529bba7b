using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using GameCluster.Client.Realtime;

namespace GameCluster.Client;

/// <summary>Connecting, the receive loop, and reconnecting with resume.</summary>
public sealed partial class RealtimeConnection
{
    private const WebSocketCloseStatus SessionReplacedCloseStatus = (WebSocketCloseStatus)4001;

    /// <summary>Opens the first socket, trying each gateway once, then starts the loop.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var i = 0; i < _client.Gateways.Count; i++)
        {
            var gateway = _client.Gateways.Current;
            try
            {
                var link = await ConnectOnceAsync(gateway, cancellationToken).ConfigureAwait(false);
                Activate(link);
                _run = Task.Run(() => RunAsync(link), CancellationToken.None);
                return;
            }
            catch (GameClientException exception) when (exception is not TokenRefreshException
                && exception.Code is GameErrorCodes.ConnectionFailed or GameErrorCodes.Unavailable or GameErrorCodes.Timeout or GameErrorCodes.ConnectionLost)
            {
                last = exception;
                _client.Gateways.Advance(gateway);
            }
        }

        throw last ?? new ConnectionLostException("No gateway is configured.", null);
    }

    /// <summary>Serves one socket after another until the connection is disposed, replaced, or gives up.</summary>
    private async Task RunAsync(RealtimeLink link)
    {
        while (true)
        {
            var failure = await ReceiveLoopAsync(link).ConfigureAwait(false);
            lock (_lock)
            {
                _link = null;
            }

            link.FailAll(failure);
            link.Dispose();
            if (Volatile.Read(ref _disposing) != 0)
            {
                return;
            }

            if (failure is SessionReplacedException replaced)
            {
                SetState(RealtimeConnectionState.Replaced, link.Gateway, replaced);
                Raise(SessionReplaced, replaced);
                Finish(replaced);
                return;
            }

            SetState(RealtimeConnectionState.Reconnecting, link.Gateway, failure);
            try
            {
                link = await ReconnectAsync(link.Gateway, link.Draining).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                if (Volatile.Read(ref _disposing) == 0)
                {
                    SetState(RealtimeConnectionState.Closed, link.Gateway, exception);
                    Finish(exception);
                }

                return;
            }

            Activate(link);
        }
    }

    /// <summary>Reconnects with exponential backoff and jitter, moving on through the gateways after failures and at once when draining.</summary>
    private async Task<RealtimeLink> ReconnectAsync(Uri lastGateway, bool draining)
    {
        if (draining)
        {
            _client.Gateways.Advance(lastGateway);
        }

        Exception? last = null;
        for (var attempt = 0; ; attempt++)
        {
            if (_options.MaxReconnectAttempts is { } max && attempt >= max)
            {
                throw new ConnectionLostException($"Gave up reconnecting after {attempt} attempts.", last);
            }

            await Task.Delay(BackoffDelay(attempt), _closed.Token).ConfigureAwait(false);
            var gateway = _client.Gateways.Current;
            try
            {
                return await ConnectOnceAsync(gateway, _closed.Token).ConfigureAwait(false);
            }
            catch (TokenRefreshException exception) when (exception.IsSignedOut)
            {
                throw;
            }
            catch (Exception exception) when (exception is GameClientException or WebSocketException or HttpRequestException or IOException or JsonException
                || (exception is OperationCanceledException && !_closed.IsCancellationRequested))
            {
                last = exception;
                _client.Gateways.Advance(gateway);
            }
        }
    }

    /// <summary>Attempt n waits min(max, initial * 2^n), minus a random share of up to <see cref="GameClientOptions.ReconnectJitter"/>.</summary>
    private TimeSpan BackoffDelay(int attempt)
    {
        var initial = _options.ReconnectInitialDelay.TotalMilliseconds;
        var delay = Math.Min(_options.ReconnectMaxDelay.TotalMilliseconds, initial * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(delay * (1 - (_options.ReconnectJitter * Random.Shared.NextDouble())));
    }

    /// <summary>One attempt: a credential, the upgrade (with <c>last_seq</c> when resuming), and the welcome.</summary>
    private async Task<RealtimeLink> ConnectOnceAsync(Uri gateway, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        var resumeAfter = LastSeq;
        var socket = new ClientWebSocket();
        RealtimeLink? link = null;
        try
        {
            AuthTokens? tokens = null;
            string query;
            if (_options.RealtimeCredential == RealtimeCredential.Nonce)
            {
                var nonce = await _client.CreateConnectNonceAsync(gateway, timeout.Token).ConfigureAwait(false);
                query = "nonce=" + Uri.EscapeDataString(nonce.Nonce);
            }
            else
            {
                tokens = await _client.GetFreshTokensAsync(timeout.Token).ConfigureAwait(false);
                query = "access_token=" + Uri.EscapeDataString(tokens.AccessToken);
            }

            if (resumeAfter is { } seq)
            {
                query += "&last_seq=" + seq.ToString(CultureInfo.InvariantCulture);
            }

            var uri = new UriBuilder(new Uri(gateway, "ws"))
            {
                Scheme = gateway.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
                Query = query,
            }.Uri;
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
            if (_options.KeepAliveTimeout != Timeout.InfiniteTimeSpan)
            {
                socket.Options.KeepAliveTimeout = _options.KeepAliveTimeout;
            }

            try
            {
                await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
            }
            catch (WebSocketException exception)
            {
                var status = socket.HttpStatusCode;
                if (status == HttpStatusCode.Unauthorized && tokens is not null)
                {
                    await _client.RefreshTokensAsync(tokens, timeout.Token).ConfigureAwait(false); // the next attempt uses the new token
                }

                if (status == HttpStatusCode.ServiceUnavailable)
                {
                    _client.Gateways.Advance(gateway);
                }

                throw new GameClientException(
                    status == 0 ? GameErrorCodes.ConnectionFailed : GameClient.CodeOf(status),
                    $"Opening the realtime socket on {gateway} failed: {(status == 0 ? exception.Message : $"HTTP {(int)status}")}.",
                    status == 0 ? null : status,
                    innerException: exception);
            }

            link = new RealtimeLink(socket, gateway, _options.MaxMessageBytes);
            using var welcome = await link.ReceiveAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new ConnectionLostException($"The gateway closed the socket before its welcome ({socket.CloseStatus} {socket.CloseStatusDescription}).", null);
            var root = welcome.RootElement;
            if (TypeOf(root) != "welcome" || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                throw new GameClientException(GameErrorCodes.ProtocolError, "The gateway's first message is not a welcome.");
            }

            var latest = payload.GetProperty("latest_seq").GetInt64();
            link.Session = new RealtimeSessionInfo(
                payload.GetProperty("session_id").GetString() ?? string.Empty,
                payload.GetProperty("player_id").GetString() ?? string.Empty,
                latest,
                gateway,
                resumeAfter);
            if (resumeAfter is null)
            {
                Interlocked.CompareExchange(ref _lastSeq, latest, -1); // a fresh start: pushes after the latest follow
            }

            return link;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && !_closed.IsCancellationRequested)
        {
            Discard(link, socket);
            throw new GameClientException(GameErrorCodes.Timeout, $"Connecting to {gateway} took longer than {_options.ConnectTimeout}.", innerException: exception);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException)
        {
            Discard(link, socket);
            throw new GameClientException(GameErrorCodes.ProtocolError, "The gateway's welcome is malformed.", innerException: exception);
        }
        catch
        {
            Discard(link, socket);
            throw;
        }
    }

    private static void Discard(RealtimeLink? link, ClientWebSocket socket)
    {
        if (link is not null)
        {
            link.Dispose();
        }
        else
        {
            socket.Dispose();
        }
    }

    /// <summary>Reads messages until the socket ends; returns why (the exception pending requests fail with).</summary>
    private async Task<Exception> ReceiveLoopAsync(RealtimeLink link)
    {
        try
        {
            while (true)
            {
                using var message = await link.ReceiveAsync(_closed.Token).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                await HandleAsync(link, message.RootElement).ConfigureAwait(false);
            }

            // The gateway closed: answer its close frame (best effort).
            await link.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var status = link.Socket.CloseStatus;
            if (link.Replaced || status == SessionReplacedCloseStatus)
            {
                return new SessionReplacedException();
            }

            link.Draining |= status == WebSocketCloseStatus.EndpointUnavailable;
            return new ConnectionLostException($"The gateway closed the socket ({(int?)status} {link.Socket.CloseStatusDescription}).", null);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or JsonException
            or GameClientException or ObjectDisposedException or InvalidOperationException or FormatException)
        {
            link.Socket.Abort();
            return Volatile.Read(ref _disposing) != 0
                ? new ConnectionLostException("The realtime connection was closed.", exception)
                : new ConnectionLostException("The realtime socket dropped: " + exception.Message, exception);
        }
    }

    private async Task HandleAsync(RealtimeLink link, JsonElement root)
    {
        switch (TypeOf(root))
        {
            case "result":
                if (CidOf(root) is { } resultCid)
                {
                    link.Complete(resultCid, root.TryGetProperty("payload", out var result) ? result.Clone() : default);
                }

                break;
            case "error":
                if (CidOf(root) is { } errorCid && root.TryGetProperty("payload", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : GameErrorCodes.InternalError;
                    var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : code;
                    TimeSpan? retryAfter = error.TryGetProperty("retry_after_ms", out var r) && r.TryGetInt64(out var ms) ? TimeSpan.FromMilliseconds(ms) : null;
                    link.Fail(errorCid, new GameClientException(code, text, retryAfter: retryAfter));
                }

                break;
            case "push":
                await DeliverAsync(root).ConfigureAwait(false);
                break;
            case "resync_required":
                {
                    var payload = root.GetProperty("payload");
                    var notice = new ResyncRequiredNotice(payload.GetProperty("last_seq").GetInt64(), payload.GetProperty("latest_seq").GetInt64());
                    Volatile.Write(ref _lastSeq, notice.LatestSeq);
                    Raise(ResyncRequired, notice);
                    break;
                }

            case "reconnect":
                link.Draining = true;
                break;
            case "session_replaced":
                link.Replaced = true;
                break;
            default:
                break; // newer server message types are ignored
        }
    }

    private async Task DeliverAsync(JsonElement root)
    {
        var seq = root.GetProperty("seq").GetInt64();
        if (seq <= Volatile.Read(ref _lastSeq))
        {
            return; // already seen (a replay overlapping what arrived before a reconnect)
        }

        var payload = root.GetProperty("payload");
        var push = new Push(
            seq,
            payload.GetProperty("event").GetString() ?? string.Empty,
            payload.TryGetProperty("data", out var data) ? data.Clone() : default,
            payload.TryGetProperty("at", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : default);
        if (_pushes is not null)
        {
            await _pushes.Writer.WriteAsync(push, _closed.Token).ConfigureAwait(false);
        }

        // Seen only once delivered: a drop before this line replays the push after reconnecting.
        Volatile.Write(ref _lastSeq, seq);
        Raise(PushReceived, push);
    }

    private void Activate(RealtimeLink link)
    {
        TaskCompletionSource connected;
        lock (_lock)
        {
            _link = link;
            _session = link.Session;
            connected = _connected;
        }

        SetState(RealtimeConnectionState.Connected, link.Gateway, null);
        connected.TrySetResult();
    }

    private void SetState(RealtimeConnectionState state, Uri gateway, Exception? error)
    {
        RealtimeConnectionState previous;
        lock (_lock)
        {
            previous = _state;
            if (previous == state || previous is RealtimeConnectionState.Replaced or RealtimeConnectionState.Closed)
            {
                return;
            }

            _state = state;
            if (state == RealtimeConnectionState.Reconnecting)
            {
                _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        Raise(StateChanged, new RealtimeStateChange(previous, state, gateway, error));
    }

    /// <summary>Ends the connection for good: the stream, <see cref="Completion"/> and waiters learn why.</summary>
    private void Finish(Exception? error)
    {
        TaskCompletionSource connected;
        Uri gateway;
        lock (_lock)
        {
            connected = _connected;
            gateway = _session?.Gateway ?? _client.Gateways.Current;
        }

        SetState(RealtimeConnectionState.Closed, gateway, error);
        _pushes?.Writer.TryComplete(error);
        connected.TrySetException(error ?? new ConnectionLostException("The realtime connection is closed.", null));
        _ = connected.Task.Exception; // observed: nobody may be waiting
        if (error is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(error);
        }

        _client.Forget(this);
    }

    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
        catch (Exception)
        {
            // An application handler failed; the connection carries on.
        }
    }

    private static string? TypeOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static string? CidOf(JsonElement root) =>
        root.TryGetProperty("cid", out var cid) && cid.ValueKind == JsonValueKind.String ? cid.GetString() : null;
}
