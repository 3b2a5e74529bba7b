using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using GameCluster.Gateway.Http;
using GameCluster.Grains;

namespace GameCluster.Gateway.Realtime;

/// <summary>
/// One player's open socket. Two loops share it: the receiver (the only reader: parses, rate-limits and dispatches
/// requests one at a time) and the sender (the only writer: drains a bounded queue, then sends the close frame; it runs
/// only while there is something to send, so an idle socket has no sender waiting). Pushes
/// are fetched on demand from the player's <see cref="IPlayerPushGrain"/> (one fetch at a time, in sequence order) when
/// the gateway's <see cref="RealtimePushMailbox"/> says there are new ones, at start and on resume; nothing waits at the
/// grain while the player is idle. Any of them can close the session; the first close wins, and a close that does not
/// finish within <see cref="RealtimeOptions.CloseTimeout"/> aborts the socket.
/// </summary>
public sealed partial class RealtimeSession : IDisposable
{
    private const int InitialBufferBytes = 1024;

    private readonly WebSocket _socket;
    private readonly RealtimeServices _services;
    private readonly RealtimeOptions _options;
    private readonly IPlayerPushGrain _push;
    private readonly Queue<byte[]> _outbound = new(); // guarded by itself, like the three fields after it
    private bool _outboundCompleted;
    private bool _sending;
    private TaskCompletionSource? _sent; // completes when the close frame was sent or sending failed
    private CancellationTokenSource? _abort; // created when closing starts: aborts the socket at the close timeout
    private readonly CancellationTokenSource _stopped = new();
    private readonly CancellationToken _stoppedToken; // read once: a late fetch never touches the disposed source
    private long _pendingResume = -1;
    private long _cursor; // set before the session is registered; after that only the fetch loop (one at a time) uses it
    private int _fetchState = 1; // 0 idle, 1 fetching, 2 fetching and asked again; 1 until the welcome is queued (no push may overtake it)
    private TaskCompletionSource? _fetchesStopped; // set when the session ends; completed once no fetch runs
    private int _closing;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = string.Empty;

    private TaskCompletionSource Sent => LazyInitializer.EnsureInitialized(
        ref _sent, static () => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Wraps an accepted socket.</summary>
    public RealtimeSession(WebSocket socket, string playerId, string remoteAddress, bool connectionLevel, RealtimeServices services)
    {
        ConnectionLevel = connectionLevel;
        _socket = socket;
        _services = services;
        _options = services.Options;
        PlayerId = playerId;
        RemoteAddress = remoteAddress;
        SessionId = Guid.NewGuid().ToString("N");
        _push = services.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        _stoppedToken = _stopped.Token;
    }

    /// <summary>The player this socket belongs to.</summary>
    public string PlayerId { get; }

    /// <summary>This session's id (unique; the player's push grain knows the current one).</summary>
    public string SessionId { get; }

    /// <summary>Whether the socket was accepted below the HTTP pipeline (<see cref="Upgrade.RealtimeUpgradeMiddleware"/>).</summary>
    public bool ConnectionLevel { get; }

    /// <summary>The client's IP address.</summary>
    public string RemoteAddress { get; }

    /// <summary>Whether a close has been requested.</summary>
    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>
    /// Runs the session until the socket is closed: attaches to the player's push grain (replacing any other session of
    /// the player, on any gateway), sends the welcome, then serves requests and pushes.
    /// </summary>
    /// <param name="lastSeq">The last push the client saw (it receives everything after it), or <see langword="null"/> for a fresh start.</param>
    /// <param name="cancellationToken">Cancelled when the connection is gone.</param>
    public async Task RunAsync(long? lastSeq, CancellationToken cancellationToken)
    {
        PushSessionInfo info;
        var attach = _push.AttachAsync(SessionId, _services.Mailbox.MailboxId);
        try
        {
            info = await attach.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left meanwhile: once the attach is through, take it back, so that the push grain does not point
            // at a session that never ran.
            _ = DetachAfterAttachAsync(attach);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAttachFailed(_services.Logger, exception, PlayerId);
            await CloseNowAsync(WebSocketCloseStatus.InternalServerError, RealtimeCloseStatus.UnavailableReason);
            return;
        }

        // Registered before the welcome is queued, so that a client holding its welcome is a session the gateway knows
        // (for notices, kicks, drains). A notice meanwhile only asks for a fetch: none starts before the one below, so
        // no push overtakes the welcome.
        _cursor = lastSeq ?? info.LatestSeq;
        _services.Registry.Add(this);
        Enqueue(EnvelopeWriter.Welcome(SessionId, PlayerId, info.LatestSeq));
        LogOpened(_services.Logger, PlayerId, SessionId, RemoteAddress, lastSeq ?? -1);
        using var drainRegistration = _services.Drain.Draining.Register(static state => ((RealtimeSession)state!).Drain(), this);
        _ = FetchAsync(); // pushes after the client's last_seq, any that became durable since the attach, any a notice asked for
        try
        {
            await ReceiveLoopAsync();
        }
        finally
        {
            Close(WebSocketCloseStatus.NormalClosure, string.Empty, null);
            await Sent.Task;
            await _stopped.CancelAsync();
            await FetchesStoppedAsync(); // a fetch sees the stop at once
            _services.Registry.Remove(this);
            LogClosed(_services.Logger, PlayerId, SessionId, _closeStatus, _closeReason);
            await DetachAsync();
        }
    }

    /// <summary>Tells the client to reconnect elsewhere and closes (1001, "draining").</summary>
    public void Drain() => Close(
        WebSocketCloseStatus.EndpointUnavailable,
        RealtimeCloseStatus.DrainingReason,
        EnvelopeWriter.Notice(RealtimeMessageTypes.Reconnect, RealtimeCloseStatus.DrainingReason));

    /// <summary>Makes the push stream continue after <paramref name="lastSeq"/> (pushes after it are sent again).</summary>
    public void RequestResume(long lastSeq)
    {
        Interlocked.Exchange(ref _pendingResume, lastSeq);
        RequestFetch();
    }

    /// <summary>
    /// Fetches the pushes after the session's cursor from the player's push grain (without waiting there) and queues
    /// them in order; a fetch asked for while one runs runs again right after it.
    /// </summary>
    public void RequestFetch()
    {
        while (true)
        {
            var state = Volatile.Read(ref _fetchState);
            if (state == 2 || IsClosing)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _fetchState, state + 1, state) == state)
            {
                if (state == 0)
                {
                    _ = FetchAsync(); // after a close that raced this call it sees the stop and ends at once
                }

                return;
            }
        }
    }

    /// <summary>Closes the session because another session of the player took over (on any gateway).</summary>
    public void Supersede()
    {
        LogReplaced(_services.Logger, PlayerId, SessionId);
        Close(
            RealtimeCloseStatus.SessionReplaced,
            RealtimeCloseStatus.SessionReplacedReason,
            EnvelopeWriter.Notice(RealtimeMessageTypes.SessionReplaced, RealtimeCloseStatus.SessionReplacedReason));
    }

    /// <summary>
    /// Queues a message for the client. A full queue means the client does not keep up: the session closes instead of
    /// buffering more.
    /// </summary>
    public void Enqueue(byte[] frame)
    {
        bool accepted, start = false;
        lock (_outbound)
        {
            accepted = !_outboundCompleted && _outbound.Count < _options.OutboundQueueCapacity;
            if (accepted)
            {
                _outbound.Enqueue(frame);
                start = !_sending;
                _sending = true;
            }
        }

        if (start)
        {
            _ = SendAsync();
        }

        if (!accepted && !IsClosing)
        {
            LogSlowConsumer(_services.Logger, PlayerId, SessionId, _options.OutboundQueueCapacity);
            Close(WebSocketCloseStatus.PolicyViolation, RealtimeCloseStatus.SlowConsumerReason, null);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _abort?.Dispose();
        _stopped.Dispose();
    }

    /// <summary>
    /// Starts closing: queues <paramref name="finalFrame"/> if there is room, lets the sender flush and send the close
    /// frame, and aborts the socket if that takes longer than the close timeout. Only the first call counts.
    /// </summary>
    private void Close(WebSocketCloseStatus status, string reason, byte[]? finalFrame)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _closeStatus = status;
        _closeReason = reason;
        var abort = new CancellationTokenSource();
        abort.Token.Register(static state => ((WebSocket)state!).Abort(), _socket);
        Volatile.Write(ref _abort, abort);
        bool start;
        lock (_outbound)
        {
            if (finalFrame is not null && _outbound.Count < _options.OutboundQueueCapacity)
            {
                _outbound.Enqueue(finalFrame);
            }

            _outboundCompleted = true;
            start = !_sending;
            _sending = true;
        }

        if (start)
        {
            _ = SendAsync();
        }

        abort.CancelAfter(_options.CloseTimeout);
    }

    private async Task CloseNowAsync(WebSocketCloseStatus status, string reason)
    {
        using var timeout = new CancellationTokenSource(_options.CloseTimeout);
        try
        {
            await _socket.CloseAsync(status, reason, timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var (message, length, type) = await ReceiveMessageAsync();
                try
                {
                    if (type == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (IsClosing || message is null)
                    {
                        continue; // closing or oversize: discard until the client's close frame arrives
                    }

                    if (type == WebSocketMessageType.Binary)
                    {
                        Violation(WebSocketCloseStatus.PolicyViolation, RealtimeCloseStatus.BinaryFrameReason);
                        continue;
                    }

                    await HandleMessageAsync(message.AsMemory(0, length));
                }
                finally
                {
                    if (message is { Length: > 0 })
                    {
                        ArrayPool<byte>.Shared.Return(message);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The connection broke, the keepalive timed out, or the close timeout aborted it.
            LogReceiveEnded(_services.Logger, PlayerId, SessionId, exception.Message);
        }
    }

    /// <summary>
    /// Receives one whole message into a pooled buffer, rented only once the message starts arriving (an idle socket
    /// waits with a zero-byte receive and holds no buffer). Returns a <see langword="null"/> buffer when the message is
    /// larger than allowed (after closing the session); the caller returns a non-empty buffer to the pool.
    /// </summary>
    private async Task<(byte[]? Buffer, int Length, WebSocketMessageType Type)> ReceiveMessageAsync()
    {
        var peek = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
        if (peek.MessageType == WebSocketMessageType.Close)
        {
            return (null, 0, WebSocketMessageType.Close);
        }

        if (peek.EndOfMessage)
        {
            return ([], 0, peek.MessageType);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, _options.MaxMessageBytes + 1));
        var length = 0;
        var oversize = false;
        try
        {
            while (true)
            {
                if (length == buffer.Length && !oversize)
                {
                    if (buffer.Length > _options.MaxMessageBytes)
                    {
                        oversize = true;
                        Violation(WebSocketCloseStatus.MessageTooBig, $"a message may have at most {_options.MaxMessageBytes} bytes");
                    }
                    else
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 4, _options.MaxMessageBytes + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                var target = oversize ? buffer.AsMemory() : buffer.AsMemory(length);
                var result = await _socket.ReceiveAsync(target, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0, WebSocketMessageType.Close);
                }

                if (!oversize)
                {
                    length += result.Count;
                    if (length > _options.MaxMessageBytes)
                    {
                        oversize = true;
                        Violation(WebSocketCloseStatus.MessageTooBig, $"a message may have at most {_options.MaxMessageBytes} bytes");
                    }
                }

                if (result.EndOfMessage)
                {
                    if (oversize)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (null, 0, result.MessageType);
                    }

                    return (buffer, length, result.MessageType);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            ArrayPool<byte>.Shared.Return(buffer); // the connection broke mid-message: the buffer goes back all the same
            throw;
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            Violation(WebSocketCloseStatus.PolicyViolation, RealtimeCloseStatus.MalformedJsonReason);
            return;
        }

        using (document)
        {
            var envelope = InboundEnvelope.From(document.RootElement);
            if (!_services.RateLimiter.TryAcquire(PlayerId, RemoteAddress, out var retryAfter))
            {
                LogRateLimited(_services.Logger, PlayerId, RemoteAddress);
                Enqueue(EnvelopeWriter.Error(envelope.Cid, ErrorCodes.RateLimited, "Too many messages; slow down.", (long)Math.Ceiling(retryAfter.TotalMilliseconds)));
                return;
            }

            if (envelope.ProblemCode is { } code)
            {
                Enqueue(EnvelopeWriter.Error(envelope.Cid, code, envelope.Problem!));
                return;
            }

            Enqueue(await _services.Dispatcher.DispatchAsync(this, envelope, _stoppedToken));
        }
    }

    private void Violation(WebSocketCloseStatus status, string reason)
    {
        LogViolation(_services.Logger, PlayerId, SessionId, (int)status, reason);
        Close(status, reason, null);
    }

    /// <summary>
    /// Sends queued frames until the queue is empty, then stops (the next <see cref="Enqueue"/> starts it again); once
    /// closing, sends the close frame after the last queued one. At most one runs at a time.
    /// </summary>
    private async Task SendAsync()
    {
        var idle = false;
        try
        {
            while (true)
            {
                byte[]? frame;
                lock (_outbound)
                {
                    if (!_outbound.TryDequeue(out frame) && !_outboundCompleted)
                    {
                        _sending = false;
                        idle = true;
                        return;
                    }
                }

                var token = Volatile.Read(ref _abort)?.Token ?? CancellationToken.None;
                if (frame is null)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(_closeStatus, _closeReason, token);
                    }

                    return;
                }

                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, token);
            }
        }
        catch (Exception exception)
        {
            if (exception is not (WebSocketException or OperationCanceledException or ObjectDisposedException or IOException))
            {
                LogSendFailed(_services.Logger, exception, PlayerId, SessionId);
            }

            _socket.Abort();
            lock (_outbound)
            {
                _outbound.Clear(); // nothing sends any more; _sending stays set
            }

            // A close that is still pending aborts at its timeout.
            Close(WebSocketCloseStatus.NormalClosure, string.Empty, null);
        }
        finally
        {
            if (!idle)
            {
                Sent.TrySetResult(); // the session's end waits for this, whatever went wrong
            }
        }
    }

    private async Task FetchAsync()
    {
        await Task.Yield(); // never run a fetch on the caller's thread (the mailbox loop, a request, the start)
        try
        {
            do
            {
                Volatile.Write(ref _fetchState, 1);
                await FetchOnceAsync();
            }
            while (Interlocked.CompareExchange(ref _fetchState, 0, 1) != 1);
        }
        catch (Exception exception)
        {
            LogPollFailed(_services.Logger, exception, PlayerId, 1);
            Interlocked.Exchange(ref _fetchState, 0);
            Close(WebSocketCloseStatus.InternalServerError, RealtimeCloseStatus.UnavailableReason, null);
        }

        Volatile.Read(ref _fetchesStopped)?.TrySetResult();
    }

    /// <summary>Completes once no fetch runs (only after the session was stopped, so none starts again for long).</summary>
    private Task FetchesStoppedAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _fetchesStopped, stopped);
        if (Volatile.Read(ref _fetchState) == 0)
        {
            stopped.TrySetResult(); // else the running fetch completes it as it ends (both sides fence, so one of them sees the other)
        }

        return stopped.Task;
    }

    private async Task FetchOnceAsync()
    {
        var stopped = _stoppedToken;
        var failures = 0;
        while (!stopped.IsCancellationRequested && !IsClosing)
        {
            if (Interlocked.Exchange(ref _pendingResume, -1) is var resume and >= 0)
            {
                _cursor = resume;
            }

            PushPoll poll;
            try
            {
                await _services.Mailbox.FetchSlots.WaitAsync(stopped);
                try
                {
                    poll = await _push.PollAsync(SessionId, _cursor, TimeSpan.Zero).WaitAsync(stopped);
                }
                finally
                {
                    _services.Mailbox.FetchSlots.Release();
                }
            }
            catch (OperationCanceledException) when (stopped.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures++;
                LogPollFailed(_services.Logger, exception, PlayerId, failures);
                await QuietDelay.WaitAsync(_services.TimeProvider, TimeSpan.FromMilliseconds(Math.Min(2000, 100 * failures)), stopped);
                continue;
            }

            switch (poll.Status)
            {
                case PushPollStatus.Superseded:
                    Supersede();
                    return;
                case PushPollStatus.Retry:
                    await QuietDelay.WaitAsync(_services.TimeProvider, TimeSpan.FromMilliseconds(100), stopped);
                    continue;
                case PushPollStatus.ResyncRequired:
                    Enqueue(EnvelopeWriter.ResyncRequired(_cursor, poll.LatestSeq));
                    _cursor = poll.LatestSeq;
                    break;
                default:
                    foreach (var message in poll.Messages)
                    {
                        if (message.Seq > _cursor)
                        {
                            Enqueue(EnvelopeWriter.Push(message));
                            _cursor = message.Seq;
                        }
                    }

                    break;
            }

            if (Volatile.Read(ref _pendingResume) < 0)
            {
                return;
            }
        }
    }

    private async Task DetachAfterAttachAsync(Task<PushSessionInfo> attach)
    {
        try
        {
            await attach;
        }
        catch (Exception)
        {
            return; // not attached: nothing to take back
        }

        await DetachAsync();
    }

    private async Task DetachAsync()
    {
        try
        {
            await _push.DetachAsync(SessionId).WaitAsync(_options.CloseTimeout);
        }
        catch (Exception exception)
        {
            // Best effort: a stale session id only means the next connection replaces "nobody".
            LogDetachFailed(_services.Logger, exception, PlayerId, SessionId);
        }
    }
}
