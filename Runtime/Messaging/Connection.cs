using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using GameCluster.Membership;
using GameCluster.Runtime;
using GameCluster.Serialization;
using Microsoft.Extensions.Logging;

namespace GameCluster.Messaging;

/// <summary>
/// One TCP connection: length-prefixed frames in both directions, a bounded outbound queue (senders wait when it is
/// full), and a flush that drains queued frames into few writes. The flush is scheduled when the first frame is
/// queued and runs on the reading thread when the frame was queued by work a read started (see
/// <see cref="InlineDispatchBatch"/>). An outbound connection is created before its socket connects, so frames
/// queued meanwhile keep their order.
/// </summary>
internal sealed partial class Connection : IThreadPoolWorkItem
{
    /// <summary>
    /// Frames of one read dispatched together before the work they started runs and its output is flushed: small
    /// enough that the peer gets answers while the rest of a large read is still being worked on (with 64 calls in
    /// flight, a whole read's worth makes both sides take turns instead of working at once), large enough to save
    /// most hand-offs and writes.
    /// </summary>
    private const int FramesPerDispatchGroup = 32;

    /// <summary>Inline work this long means a turn blocked its thread: worth a warning.</summary>
    private static readonly TimeSpan SlowInlineDispatch = TimeSpan.FromMilliseconds(100);

    private readonly Channel<OutboundMessage> _outbound;
    private readonly ArrayBufferWriter<byte> _frame = new(4096);
    private readonly byte[] _prefix = new byte[4];
    private readonly InlineDispatchBatch _batch;
    private PipeWriter? _output;
    private int _flushScheduled;
    private readonly MessageCenter _center;
    private readonly MessagingOptions _options;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();
    private Socket? _socket;
    private int _closed;
    private readonly BlockedReaderPolicy _blockedReader = new();

    private Connection(ConnectionManager owner, MessageCenter center, MessagingOptions options, ILogger logger, Socket? socket, SiloAddress? target)
    {
        Owner = owner;
        _center = center;
        _options = options;
        _logger = logger;
        _socket = socket;
        RemoteSilo = target;
        IsOutbound = target is not null;
        _batch = new InlineDispatchBatch(options.InlineDispatchBudget);
        _outbound = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(options.OutboundQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ConnectionManager Owner { get; }

    public bool IsOutbound { get; }

    /// <summary>The silo at the other end, when it is a silo.</summary>
    public SiloAddress? RemoteSilo { get; private set; }

    /// <summary>The client at the other end, when it is a client.</summary>
    public string? RemoteClientId { get; private set; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public Task Closed => _closedCompletion.Task;

    public string Description => RemoteSilo?.ToString() ?? RemoteClientId ?? "(handshaking)";

    private readonly TaskCompletionSource _closedCompletion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Connection Outbound(ConnectionManager owner, MessageCenter center, MessagingOptions options, ILogger logger, SiloAddress target) =>
        new(owner, center, options, logger, socket: null, target);

    public static Connection Inbound(ConnectionManager owner, MessageCenter center, MessagingOptions options, ILogger logger, Socket socket) =>
        new(owner, center, options, logger, socket, target: null);

    public void Start(OutboundMessage handshake)
    {
        _outbound.Writer.TryWrite(handshake);

        // The loops outlive whatever call opened the connection: don't carry its context along.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>Queues a frame; waits for room when the queue is full. A request queued on a closed connection fails at once.</summary>
    public void Send(in OutboundMessage message)
    {
        if (_outbound.Writer.TryWrite(message))
        {
            ScheduleFlush();
            return;
        }

        if (IsClosed)
        {
            FailUnsent(message);
            return;
        }

        _ = SendWhenRoomAsync(message);
    }

    public void OnHandshake(SiloAddress? silo, string? clientId, SiloAddress? targetSilo)
    {
        if (IsOutbound)
        {
            if (silo is null || silo != RemoteSilo)
            {
                Close(new SiloUnavailableException($"{RemoteSilo?.Endpoint} is now {silo?.ToString() ?? "not a silo"}; silo {RemoteSilo} is gone."));
                return;
            }
        }
        else
        {
            if (targetSilo is not null && targetSilo != Owner.LocalSilo)
            {
                LogWrongTarget(_logger, targetSilo, Owner.LocalSilo);
                Close(new SiloUnavailableException($"This endpoint is {Owner.LocalSilo}, not {targetSilo}."));
                return;
            }

            RemoteSilo = silo;
            RemoteClientId = clientId;
            Owner.OnInboundIdentified(this);
        }

        _handshake.TrySetResult();
    }

    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _outbound.Writer.TryComplete();
        _closing.Cancel();
        try
        {
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket?.Dispose();
        while (_outbound.Reader.TryRead(out var unsent))
        {
            FailUnsent(unsent);
        }

        _handshake.TrySetException(reason ?? new SiloUnavailableException($"Connection to {Description} closed."));
        _handshake.Task.Exception?.Handle(static _ => true);
        LogClosed(_logger, Description, reason?.Message ?? "closed");
        Owner.OnClosed(this, reason);
        _closedCompletion.TrySetResult();
    }

    private async Task SendWhenRoomAsync(OutboundMessage message)
    {
        try
        {
            await _outbound.Writer.WriteAsync(message, _closing.Token);
            ScheduleFlush();
        }
        catch (Exception) when (IsClosed)
        {
            FailUnsent(message);
        }
        catch (ChannelClosedException)
        {
            FailUnsent(message);
        }
    }

    private void FailUnsent(in OutboundMessage message)
    {
        if (message.Kind is MessageKind.Request or MessageKind.OneWayRequest && message.Request is { } request)
        {
            // Never sent, so never run: safe to route again.
            _center.OnUnsent(request, RemoteSilo, new SiloUnavailableException($"Connection to {Description} closed before the call to {request.TargetId} was sent."));
        }
    }

    /// <summary>Stops taking frames, sends what is queued (bounded by <paramref name="timeout"/>), then closes.</summary>
    public async Task CloseGracefullyAsync(TimeSpan timeout)
    {
        _outbound.Writer.TryComplete();
        ScheduleFlush();
        await Closed.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Close(new SiloUnavailableException($"Connection to {Description} closed."));
    }

    private async Task RunAsync()
    {
        Exception? reason = null;
        try
        {
            if (_socket is null)
            {
                _socket = await ConnectAsync(RemoteSilo!);
            }

            _socket.NoDelay = true;
            var stream = new NetworkStream(_socket, ownsSocket: false);
            var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
            var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
            var reading = ReadLoopAsync(input);
            Volatile.Write(ref _output, output);
            ScheduleFlush();
            using var handshakeTimeout = new CancellationTokenSource(_options.ConnectTimeout);
            await _handshake.Task.WaitAsync(handshakeTimeout.Token);
            await reading;
        }
        catch (OperationCanceledException) when (!IsClosed)
        {
            reason = new SiloUnavailableException($"Handshake with {Description} timed out after {_options.ConnectTimeout}.");
        }
        catch (Exception exception)
        {
            reason = exception;
        }
        finally
        {
            Close(reason);
        }
    }

    private async Task<Socket> ConnectAsync(SiloAddress target)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            timeout.CancelAfter(_options.ConnectTimeout);
            await socket.ConnectAsync(target.Host, target.Port, timeout.Token);
            return socket;
        }
        catch (Exception exception)
        {
            socket.Dispose();
            throw new SiloUnavailableException($"Could not connect to silo {target}: {exception.Message}", exception);
        }
    }

    /// <summary>Makes sure a flush will run after the frame just queued: one at a time, none while the socket connects.</summary>
    private void ScheduleFlush()
    {
        if (Volatile.Read(ref _output) is not null && Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            InlineDispatchBatch.Schedule(this, preferLocal: true);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = FlushAsync();

    /// <summary>
    /// Writes every queued frame and flushes; frames queued while it runs are written by it or by the flush it
    /// schedules. Completes synchronously unless the peer is slow to read. Closes the connection once the queue is
    /// completed and empty (graceful close), or when a write fails.
    /// </summary>
    private async Task FlushAsync()
    {
        var output = _output!;
        var reader = _outbound.Reader;
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                while (reader.TryRead(out var message))
                {
                    _frame.ResetWrittenCount();
                    if (!TrySerialize(_frame, message, now))
                    {
                        continue;
                    }

                    BinaryPrimitives.WriteInt32LittleEndian(_prefix, _frame.WrittenCount);
                    output.Write(_prefix);
                    output.Write(_frame.WrittenSpan);
                    if (output.UnflushedBytes >= _options.FlushThresholdBytes)
                    {
                        await output.FlushAsync(_closing.Token);
                        now = Stopwatch.GetTimestamp(); // a flush can wait on a slow peer: keep remaining times honest
                    }
                }

                if (output.UnflushedBytes > 0)
                {
                    await output.FlushAsync(_closing.Token);
                }

                if (reader.Completion.IsCompleted)
                {
                    Close(null);
                    return;
                }

                // Let the next sender schedule a flush, unless a frame (or the end of the queue) arrived after the
                // checks above and its sender saw this flush still running.
                Volatile.Write(ref _flushScheduled, 0);
                if ((!reader.TryPeek(out _) && !reader.Completion.IsCompleted) || Interlocked.Exchange(ref _flushScheduled, 1) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception exception)
        {
            Close(IsClosed ? null : exception);
        }
    }

    private bool TrySerialize(ArrayBufferWriter<byte> buffer, in OutboundMessage message, long nowTimestamp)
    {
        try
        {
            var writer = new Writer(buffer);
            MessageSerializer.Write(ref writer, message, _center.Session, nowTimestamp);
            writer.Commit();
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // One message that cannot be written must not take the connection (and every call on it) down.
            LogUnserializable(_logger, exception, message.Kind.ToString(), Description);
            buffer.ResetWrittenCount();
            if (message.Kind is MessageKind.Request && message.Request is { } request)
            {
                request.Fail(new WireFormatException($"The call could not be serialized: {exception.Message}", exception));
            }
            else if (message.Kind is MessageKind.Response && message.Request is { } answered)
            {
                Send(new OutboundMessage(MessageKind.Error, answered, new WireFormatException($"The result could not be serialized: {exception.Message}", exception), answered.CorrelationId));
            }

            return false;
        }
    }

    private async Task ReadLoopAsync(PipeReader input)
    {
        while (true)
        {
            var result = await input.ReadAsync(_closing.Token);
            var buffer = result.Buffer;
            var received = Stopwatch.GetTimestamp();
            var more = true;
            while (more)
            {
                // Each group's answers are written before the next group starts, so the peer works on them meanwhile.
                _batch.Open();
                try
                {
                    var frames = 0;
                    while (frames++ < FramesPerDispatchGroup && (more = TryReadFrame(ref buffer, out var frame)))
                    {
                        Dispatch(frame, received);
                    }
                }
                finally
                {
                    var inline = _batch.Run();
                    if (inline >= SlowInlineDispatch)
                    {
                        OnSlowInlineDispatch(inline);
                    }
                }
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Blocking grain code held the reading thread: warn, and the second time within a minute run this connection's
    /// turns on the thread pool for a minute, so that it stalls the connection's other messages twice a minute at
    /// most rather than on every call.
    /// </summary>
    private void OnSlowInlineDispatch(TimeSpan inline)
    {
        if (_blockedReader.OnHeld(Stopwatch.GetTimestamp()))
        {
            _batch.Suspend(BlockedReaderPolicy.Window);
            LogInlineDispatchSuspended(_logger, Description, inline.TotalMilliseconds, BlockedReaderPolicy.Window.TotalSeconds);
        }
        else
        {
            LogSlowInlineDispatch(_logger, Description, inline.TotalMilliseconds);
        }
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length <= 0 || length > _options.MaxFrameBytes)
        {
            throw new WireFormatException($"Frame of {length} bytes from {Description} is outside 1..{_options.MaxFrameBytes}.");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        frame = buffer.Slice(4, length);
        buffer = buffer.Slice(4 + length);
        return true;
    }

    private void Dispatch(ReadOnlySequence<byte> frame, long receivedTimestamp)
    {
        if (IsClosed)
        {
            return;
        }

        if (frame.IsSingleSegment)
        {
            _center.OnFrame(frame.FirstSpan, this, receivedTimestamp);
            return;
        }

        var length = (int)frame.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            _center.OnFrame(rented.AsSpan(0, length), this, receivedTimestamp);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Connection with {Remote} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "A {Kind} frame for {Remote} could not be serialized; it was dropped and its call failed")]
    private static partial void LogUnserializable(ILogger logger, Exception exception, string kind, string remote);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Grain turns started by one read from {Remote} held its reading thread for {Milliseconds:F0} ms, and no message from it was read meanwhile: grain code should await instead of blocking (Messaging:InlineDispatchBudget=0 runs every turn on the thread pool)")]
    private static partial void LogSlowInlineDispatch(ILogger logger, string remote, double milliseconds);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Grain turns started by one read from {Remote} held its reading thread for {Milliseconds:F0} ms, the second time within a minute: the connection runs its turns on the thread pool for the next {Seconds:F0} s. Grain code should await instead of blocking")]
    private static partial void LogInlineDispatchSuspended(ILogger logger, string remote, double milliseconds, double seconds);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Refused a connection meant for silo {Target}; this is {Local}")]
    private static partial void LogWrongTarget(ILogger logger, SiloAddress target, SiloAddress? local);
}
