using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using GameCluster.Gateway.Http;
using GameCluster.Grains;

namespace GameCluster.Gateway.Realtime;

/// <summary>
/// One player's open socket. Three loops share it: the receiver (the only reader: parses, rate-limits and dispatches
/// requests one at a time), the sender (the only writer: drains a bounded queue, then sends the close frame) and the
/// push poller (long-polls the player's <see cref="IPlayerPushGrain"/> and queues pushes in sequence order). Any of
/// them can close the session; the first close wins, and a close that does not finish within
/// <see cref="RealtimeOptions.CloseTimeout"/> aborts the socket.
/// </summary>
public sealed partial class RealtimeSession : IDisposable
{
    private const int SmallBufferBytes = 1024;

    private readonly WebSocket _socket;
    private readonly RealtimeServices _services;
    private readonly RealtimeOptions _options;
    private readonly IPlayerPushGrain _push;
    private readonly Channel<byte[]> _outbound;
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _stopped = new();
    private readonly byte[] _smallBuffer = new byte[SmallBufferBytes];
    private TaskCompletionSource _resumeSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pendingResume = -1;
    private int _closing;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = string.Empty;

    /// <summary>Wraps an accepted socket.</summary>
    public RealtimeSession(WebSocket socket, string playerId, string remoteAddress, RealtimeServices services)
    {
        _socket = socket;
        _services = services;
        _options = services.Options;
        PlayerId = playerId;
        RemoteAddress = remoteAddress;
        SessionId = Guid.NewGuid().ToString("N");
        _push = services.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(_options.OutboundQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _abort.Token.Register(static state => ((WebSocket)state!).Abort(), socket);
    }

    /// <summary>The player this socket belongs to.</summary>
    public string PlayerId { get; }

    /// <summary>This session's id (unique; the player's push grain knows the current one).</summary>
    public string SessionId { get; }

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
        try
        {
            info = await _push.AttachAsync(SessionId).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAttachFailed(_services.Logger, exception, PlayerId);
            await CloseNowAsync(WebSocketCloseStatus.InternalServerError, RealtimeCloseStatus.UnavailableReason);
            return;
        }

        _services.Registry.Add(this);
        LogOpened(_services.Logger, PlayerId, SessionId, RemoteAddress, lastSeq ?? -1);
        using var drainRegistration = _services.Drain.Draining.Register(static state => ((RealtimeSession)state!).Drain(), this);
        Enqueue(EnvelopeWriter.Welcome(SessionId, PlayerId, info.LatestSeq));
        var sender = SendLoopAsync();
        var pusher = PushLoopAsync(lastSeq ?? info.LatestSeq);
        try
        {
            await ReceiveLoopAsync();
        }
        finally
        {
            Close(WebSocketCloseStatus.NormalClosure, string.Empty, null);
            await sender;
            await _stopped.CancelAsync();
            await pusher;
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
        Volatile.Read(ref _resumeSignal).TrySetResult();
    }

    /// <summary>
    /// Queues a message for the client. A full queue means the client does not keep up: the session closes instead of
    /// buffering more.
    /// </summary>
    public void Enqueue(byte[] frame)
    {
        if (!_outbound.Writer.TryWrite(frame) && !IsClosing)
        {
            LogSlowConsumer(_services.Logger, PlayerId, SessionId, _options.OutboundQueueCapacity);
            Close(WebSocketCloseStatus.PolicyViolation, RealtimeCloseStatus.SlowConsumerReason, null);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _abort.Dispose();
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
        if (finalFrame is not null)
        {
            _outbound.Writer.TryWrite(finalFrame);
        }

        _outbound.Writer.TryComplete();
        try
        {
            _abort.CancelAfter(_options.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
        }
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
                    if (message is not null && !ReferenceEquals(message, _smallBuffer))
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
    /// Receives one whole message into the small buffer, or into a pooled one when it is larger. Returns a
    /// <see langword="null"/> buffer when the message is larger than allowed (after closing the session).
    /// </summary>
    private async Task<(byte[]? Buffer, int Length, WebSocketMessageType Type)> ReceiveMessageAsync()
    {
        var buffer = _smallBuffer;
        var length = 0;
        var oversize = false;
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
                    if (!ReferenceEquals(buffer, _smallBuffer))
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    buffer = larger;
                }
            }

            var target = oversize ? _smallBuffer.AsMemory() : buffer.AsMemory(length);
            var result = await _socket.ReceiveAsync(target, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ReturnIfPooled(buffer);
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
                    ReturnIfPooled(buffer);
                    return (null, 0, result.MessageType);
                }

                return (buffer, length, result.MessageType);
            }
        }
    }

    private void ReturnIfPooled(byte[] buffer)
    {
        if (!ReferenceEquals(buffer, _smallBuffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
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

            Enqueue(await _services.Dispatcher.DispatchAsync(this, envelope, _stopped.Token));
        }
    }

    private void Violation(WebSocketCloseStatus status, string reason)
    {
        LogViolation(_services.Logger, PlayerId, SessionId, (int)status, reason);
        Close(status, reason, null);
    }

    private async Task SendLoopAsync()
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token))
            {
                while (reader.TryRead(out var frame))
                {
                    await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, _abort.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            _socket.Abort();
        }
        finally
        {
            // Nothing reads the queue any more: a close that is still pending aborts at its timeout.
            Close(WebSocketCloseStatus.NormalClosure, string.Empty, null);
        }
    }

    private async Task PushLoopAsync(long cursor)
    {
        var failures = 0;
        var stopped = _stopped.Token;
        while (!stopped.IsCancellationRequested && !IsClosing)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _resumeSignal, signal);
            if (Interlocked.Exchange(ref _pendingResume, -1) is var resume and >= 0)
            {
                cursor = resume;
            }

            PushPoll poll;
            try
            {
                var pollTask = _push.PollAsync(SessionId, cursor, _options.PushPollWait);
                var finished = await Task.WhenAny(pollTask, signal.Task).WaitAsync(stopped);
                if (finished != pollTask)
                {
                    _ = pollTask.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    continue; // a resume request moved the cursor
                }

                poll = await pollTask;
                failures = 0;
            }
            catch (OperationCanceledException) when (stopped.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures++;
                LogPollFailed(_services.Logger, exception, PlayerId, failures);
                await DelayAsync(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * failures)), stopped);
                continue;
            }

            switch (poll.Status)
            {
                case PushPollStatus.Superseded:
                    LogReplaced(_services.Logger, PlayerId, SessionId);
                    Close(
                        RealtimeCloseStatus.SessionReplaced,
                        RealtimeCloseStatus.SessionReplacedReason,
                        EnvelopeWriter.Notice(RealtimeMessageTypes.SessionReplaced, RealtimeCloseStatus.SessionReplacedReason));
                    return;
                case PushPollStatus.Retry:
                    await DelayAsync(TimeSpan.FromMilliseconds(100), stopped);
                    break;
                case PushPollStatus.ResyncRequired:
                    Enqueue(EnvelopeWriter.ResyncRequired(cursor, poll.LatestSeq));
                    cursor = poll.LatestSeq;
                    break;
                default:
                    foreach (var message in poll.Messages)
                    {
                        if (message.Seq > cursor)
                        {
                            Enqueue(EnvelopeWriter.Push(message));
                            cursor = message.Seq;
                        }
                    }

                    break;
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _services.TimeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
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
