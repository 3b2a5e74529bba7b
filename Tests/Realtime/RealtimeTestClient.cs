using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GameCluster.Tests.Realtime;

/// <summary>A raw <see cref="ClientWebSocket"/> speaking the realtime protocol, for tests.</summary>
public sealed class RealtimeTestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions PayloadOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly byte[] _buffer = new byte[4 * 1024 * 1024];
    private readonly HashSet<int> _consumed = [];
    private int _nextCid;

    private RealtimeTestClient(ClientWebSocket socket)
    {
        Socket = socket;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>Every message received so far, in order.</summary>
    public List<JsonElement> Received { get; } = [];

    public WebSocketCloseStatus? CloseStatus => Socket.CloseStatus;

    public string? CloseDescription => Socket.CloseStatusDescription;

    /// <summary>Signs a new guest in over HTTP at <paramref name="gateway"/>; the access token is returned as issued (not escaped).</summary>
    public static async Task<(string AccessToken, string PlayerId)> SignInGuestAsync(Uri gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        using var login = await http.PostAsync(
            "/api/v1/auth/guest",
            new StringContent(JsonSerializer.Serialize(new { deviceId = "device-" + Guid.NewGuid().ToString("N") }), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        using var tokens = JsonDocument.Parse(await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (tokens.RootElement.GetProperty("accessToken").GetString()!, tokens.RootElement.GetProperty("playerId").GetString()!);
    }

    public static async Task<RealtimeTestClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new RealtimeTestClient(socket);
    }

    /// <summary>Connects and reads the welcome message.</summary>
    public static async Task<(RealtimeTestClient Client, JsonElement Welcome)> ConnectWelcomedAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = await ConnectAsync(uri, configure);
        var welcome = await client.ReceiveUntilAsync(m => Type(m) == "welcome");
        return (client, welcome);
    }

    public static string? Type(JsonElement message) =>
        message.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    public static string? Cid(JsonElement message) =>
        message.TryGetProperty("cid", out var cid) && cid.ValueKind == JsonValueKind.String ? cid.GetString() : null;

    public static string? ErrorCode(JsonElement message) =>
        Type(message) == "error" ? message.GetProperty("payload").GetProperty("code").GetString() : null;

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await Socket.SendAsync(bytes, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>Sends a request and returns its reply (result or error); other messages meanwhile land in <see cref="Received"/>.</summary>
    public async Task<JsonElement> RequestAsync(string type, object? payload = null)
    {
        var cid = "c" + Interlocked.Increment(ref _nextCid).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var envelope = payload is null
            ? JsonSerializer.Serialize(new { cid, type }, PayloadOptions)
            : JsonSerializer.Serialize(new { cid, type, payload }, PayloadOptions);
        await SendTextAsync(envelope);
        return await ReceiveUntilAsync(m => Cid(m) == cid);
    }

    /// <summary>The next message, or <see langword="null"/> once the server closed the socket.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var length = 0;
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer.AsMemory(length), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (Socket.State == WebSocketState.CloseReceived)
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, cts.Token);
                }

                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(_buffer.AsMemory(0, length));
                var message = document.RootElement.Clone();
                Received.Add(message);
                return message;
            }
        }
    }

    /// <summary>Receives until a message matches; fails if the socket closes first.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        for (var i = 0; i < Received.Count; i++)
        {
            if (!_consumed.Contains(i) && match(Received[i]))
            {
                _consumed.Add(i);
                return Received[i];
            }
        }

        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            Assert.True(remaining > TimeSpan.Zero, "timed out waiting for a message; received: " + string.Join(" | ", Received.Select(m => m.GetRawText())));
            var message = await ReceiveAsync(remaining);
            Assert.True(message is not null, $"the socket closed ({CloseStatus} {CloseDescription}) while waiting; received: " + string.Join(" | ", Received.Select(m => m.GetRawText())));
            if (match(message.Value))
            {
                _consumed.Add(Received.Count - 1);
                return message.Value;
            }
        }
    }

    /// <summary>Reads until the server's close frame (or the connection breaks); returns the messages read meanwhile.</summary>
    public async Task<List<JsonElement>> ReceiveUntilClosedAsync(TimeSpan? timeout = null)
    {
        var messages = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var remaining = deadline - DateTime.UtcNow;
                Assert.True(remaining > TimeSpan.Zero, "the socket did not close in time");
                var message = await ReceiveAsync(remaining);
                if (message is null)
                {
                    return messages;
                }

                messages.Add(message.Value);
            }
        }
        catch (WebSocketException)
        {
            return messages;
        }
    }

    /// <summary>The pushes received so far, by sequence number.</summary>
    public List<long> PushSeqs() => [.. Received.Where(m => Type(m) == "push").Select(m => m.GetProperty("seq").GetInt64())];

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }

        Socket.Dispose();
    }
}
