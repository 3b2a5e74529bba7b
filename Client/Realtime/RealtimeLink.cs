using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace GameCluster.Client.Realtime;

/// <summary>
/// One open socket of a <see cref="RealtimeConnection"/>: serialised sends, whole-message receives, and the requests
/// waiting for their replies on this socket (failed together when it drops).
/// </summary>
internal sealed class RealtimeLink : IDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _receiveBuffer = new(4096);
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly int _maxMessageBytes;
    private Exception? _failure;

    public RealtimeLink(ClientWebSocket socket, Uri gateway, int maxMessageBytes)
    {
        Socket = socket;
        Gateway = gateway;
        _maxMessageBytes = maxMessageBytes;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>The gateway's HTTP base URI.</summary>
    public Uri Gateway { get; }

    /// <summary>Set from the welcome.</summary>
    public RealtimeSessionInfo? Session { get; set; }

    /// <summary>The gateway said <c>reconnect</c> (draining).</summary>
    public bool Draining { get; set; }

    /// <summary>The gateway said <c>session_replaced</c>.</summary>
    public bool Replaced { get; set; }

    /// <summary>Registers a request awaiting its reply; throws when the socket already dropped.</summary>
    public TaskCompletionSource<JsonElement> Register(string cid)
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                throw _failure is SessionReplacedException
                    ? new SessionReplacedException()
                    : new ConnectionLostException("The realtime socket dropped before the request was sent.", _failure);
            }

            var pending = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending.Add(cid, pending);
            return pending;
        }
    }

    public void Unregister(string cid)
    {
        lock (_lock)
        {
            _pending.Remove(cid);
        }
    }

    public void Complete(string cid, JsonElement payload)
    {
        if (Take(cid) is { } pending)
        {
            pending.TrySetResult(payload);
        }
    }

    public void Fail(string cid, Exception exception)
    {
        if (Take(cid) is { } pending)
        {
            pending.TrySetException(exception);
        }
    }

    /// <summary>Fails every waiting request with <paramref name="failure"/>, and every later registration.</summary>
    public void FailAll(Exception failure)
    {
        TaskCompletionSource<JsonElement>[] pending;
        lock (_lock)
        {
            _failure ??= failure;
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var request in pending)
        {
            request.TrySetException(failure);
        }
    }

    /// <summary>Sends one text message; one sender at a time.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken waitToken, CancellationToken sendToken)
    {
        await _sendLock.WaitAsync(waitToken).ConfigureAwait(false);
        try
        {
            await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, sendToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends the close frame (best effort, bounded by <paramref name="timeout"/>).</summary>
    public async Task CloseOutputAsync(WebSocketCloseStatus status, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _sendLock.WaitAsync(cts.Token).ConfigureAwait(false);
            try
            {
                if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await Socket.CloseOutputAsync(status, string.Empty, cts.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Socket.Abort();
        }
    }

    /// <summary>The next whole message as a JSON document, or <see langword="null"/> when the gateway closed the socket.</summary>
    /// <exception cref="WebSocketException">The connection broke.</exception>
    /// <exception cref="JsonException">The message is not JSON.</exception>
    /// <exception cref="GameClientException">The message is binary or too large.</exception>
    public async Task<JsonDocument?> ReceiveAsync(CancellationToken cancellationToken)
    {
        _receiveBuffer.ResetWrittenCount();
        while (true)
        {
            var result = await Socket.ReceiveAsync(_receiveBuffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _receiveBuffer.Advance(result.Count);
            if (_receiveBuffer.WrittenCount > _maxMessageBytes)
            {
                throw new GameClientException(GameErrorCodes.ProtocolError, $"The gateway sent a message larger than {_maxMessageBytes} bytes.");
            }

            if (result.EndOfMessage)
            {
                if (result.MessageType != WebSocketMessageType.Text)
                {
                    throw new GameClientException(GameErrorCodes.ProtocolError, "The gateway sent a binary message.");
                }

                return JsonDocument.Parse(_receiveBuffer.WrittenMemory);
            }
        }
    }

    public void Dispose()
    {
        Socket.Dispose();
        _sendLock.Dispose();
    }

    private TaskCompletionSource<JsonElement>? Take(string cid)
    {
        lock (_lock)
        {
            return _pending.Remove(cid, out var pending) ? pending : null;
        }
    }
}
