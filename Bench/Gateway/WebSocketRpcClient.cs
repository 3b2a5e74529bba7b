using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GameCluster.Bench.Gateway;

/// <summary>
/// The gateway side of the <c>gateway</c> scenario's load: raw <see cref="ClientWebSocket"/>s (one per player, each
/// authenticated with the player's access token), each with one receive loop that matches replies to requests by
/// <c>cid</c>. A call sends <c>{"cid":"SLOT.VALUE","type":TYPE}</c> on socket <c>slot % sockets</c> and completes
/// when the reply with that cid arrives; it succeeds only for a <c>result</c> envelope. Several calls may be in flight
/// on one socket (the paced case); the gateway answers a socket's requests one after the other.
/// </summary>
public sealed class WebSocketRpcClient : IAsyncDisposable
{
    private readonly Connection[] _connections;
    private readonly TaskCompletionSource<int>?[] _pending;
    private readonly byte[] _requestSuffix;
    private string? _lastReply;

    private WebSocketRpcClient(Connection[] connections, int maxInFlight, string requestType)
    {
        _connections = connections;
        _pending = new TaskCompletionSource<int>?[maxInFlight];
        _requestSuffix = Encoding.UTF8.GetBytes($"\",\"type\":\"{requestType}\"}}");
        foreach (var connection in connections)
        {
            connection.Receiving = ReceiveLoopAsync(connection);
        }
    }

    /// <summary>The first <c>player.get_profile</c>-style reply each socket got at start-up (for the report: proof it reached the grain).</summary>
    public string SampleReply { get; private set; } = string.Empty;

    /// <summary>
    /// Connects one socket per access token to <paramref name="endpoint"/> (<c>ws://host:port/ws</c>), waits for each
    /// socket's <c>welcome</c>, and makes one <paramref name="requestType"/> call on each to check the setup.
    /// </summary>
    public static async Task<WebSocketRpcClient> ConnectAsync(Uri endpoint, IReadOnlyList<string> accessTokens, int maxInFlight, string requestType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(accessTokens);
        var connections = await Task.WhenAll(accessTokens.Select(async token =>
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero; // the server pings; the socket answers
            var uri = new Uri(endpoint, "?access_token=" + Uri.EscapeDataString(token));
            await socket.ConnectAsync(uri, cancellationToken);
            var buffer = new byte[16 * 1024];
            var welcome = await ReceiveTextAsync(socket, buffer, cancellationToken);
            if (!welcome.Contains("\"welcome\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Expected a welcome, got: {welcome}");
            }

            return new Connection(socket, buffer);
        }));
        var client = new WebSocketRpcClient(connections, Math.Max(maxInFlight, connections.Length), requestType);
        client.SampleReply = await client.CheckAsync(cancellationToken);
        return client;
    }

    /// <summary>Sockets.</summary>
    public int Sockets => _connections.Length;

    /// <summary>One call (the <c>EchoCall</c> of the load loops): returns <paramref name="value"/> when the reply is a result.</summary>
    public async Task<int> CallAsync(int slot, int target, int value)
    {
        var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pending[slot], completion);
        var connection = _connections[slot % _connections.Length];
        var request = ArrayPool<byte>.Shared.Rent(64 + _requestSuffix.Length);
        try
        {
            var length = Format(request, slot, value);
            await connection.SendLock.WaitAsync();
            try
            {
                await connection.Socket.SendAsync(request.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                connection.SendLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
        }

        return await completion.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }

            connection.Socket.Abort();
            try
            {
                await connection.Receiving;
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }

            connection.Socket.Dispose();
            connection.SendLock.Dispose();
        }
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The gateway closed the socket: {socket.CloseStatus} {socket.CloseStatusDescription}");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

    private int Format(byte[] request, int slot, int value)
    {
        var prefix = "{\"cid\":\""u8;
        prefix.CopyTo(request);
        var length = prefix.Length;
        slot.TryFormat(request.AsSpan(length), out var written, provider: CultureInfo.InvariantCulture);
        length += written;
        request[length++] = (byte)'.';
        value.TryFormat(request.AsSpan(length), out written, provider: CultureInfo.InvariantCulture);
        length += written;
        _requestSuffix.CopyTo(request.AsSpan(length));
        return length + _requestSuffix.Length;
    }

    private async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = Enumerable.Range(0, _connections.Length).Select(slot => CallAsync(slot, slot, slot)).ToArray();
        var answers = await Task.WhenAll(checks).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] != i)
            {
                throw new InvalidOperationException($"Socket {i} answered {answers[i]}.");
            }
        }

        return _lastReply ?? string.Empty;
    }

    private async Task ReceiveLoopAsync(Connection connection)
    {
        var buffer = connection.Buffer;
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await connection.Socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    FailAll(new WebSocketException($"The gateway closed a socket: {connection.Socket.CloseStatus} {connection.Socket.CloseStatusDescription}"));
                    return;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            Complete(buffer.AsSpan(0, length));
        }
    }

    /// <summary>Matches a reply to its call by cid ("SLOT.VALUE"); pushes and other messages without a pending cid are ignored.</summary>
    private void Complete(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        string? cid = null;
        string? type = null;
        var depth = 0;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                depth++;
            }
            else if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                depth--;
            }
            else if (depth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("cid"u8))
                {
                    reader.Read();
                    cid = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.GetString();
                }

                if (cid is not null && type is not null)
                {
                    break;
                }
            }
        }

        if (cid is null)
        {
            return;
        }

        var dot = cid.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !int.TryParse(cid.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var slot) || slot >= _pending.Length
            || !int.TryParse(cid.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return;
        }

        var completion = Interlocked.Exchange(ref _pending[slot], null);
        if (completion is null)
        {
            return;
        }

        if (type == "result")
        {
            _lastReply ??= Encoding.UTF8.GetString(message);

            completion.TrySetResult(value);
        }
        else
        {
            completion.TrySetException(new InvalidOperationException("The gateway answered: " + Encoding.UTF8.GetString(message)));
        }
    }

    private void FailAll(Exception exception)
    {
        for (var i = 0; i < _pending.Length; i++)
        {
            Interlocked.Exchange(ref _pending[i], null)?.TrySetException(exception);
        }
    }

    private sealed class Connection(ClientWebSocket socket, byte[] buffer)
    {
        public ClientWebSocket Socket { get; } = socket;

        public byte[] Buffer { get; } = buffer;

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public Task Receiving { get; set; } = Task.CompletedTask;
    }
}
