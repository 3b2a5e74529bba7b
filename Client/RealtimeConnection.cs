using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using GameCluster.Client.Json;
using GameCluster.Client.Realtime;

namespace GameCluster.Client;

/// <summary>
/// The player's realtime socket, kept open: requests with replies matched by <c>cid</c>, pushes in sequence order
/// (as an async stream and as an event), automatic reconnect with exponential backoff and jitter after drops and
/// when a gateway drains (moving on through the configured gateways), resuming after the last push seen so none is
/// missed. A replaced session (the player connected elsewhere) is final and not reconnected.
/// </summary>
/// <remarks>
/// Requests outstanding when the socket drops fail with <see cref="ConnectionLostException"/>; requests made while
/// reconnecting fail the same way at once. They are never retried: the application decides (see
/// <see cref="WaitUntilConnectedAsync"/>). Event handlers run on the receiving loop: keep them short.
/// </remarks>
public sealed partial class RealtimeConnection : IAsyncDisposable
{
    private readonly GameClient _client;
    private readonly GameClientOptions _options;
    private readonly JsonSerializerOptions _payloadOptions;
    private readonly Channel<Push>? _pushes;
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RealtimeLink? _link;
    private RealtimeSessionInfo? _session;
    private RealtimeConnectionState _state = RealtimeConnectionState.Connecting;
    private long _lastSeq;
    private long _nextCid;
    private int _disposing;
    private Task _run = Task.CompletedTask;

    internal RealtimeConnection(GameClient client, GameClientOptions options, long? resumeAfterSeq)
    {
        _client = client;
        _options = options;
        _lastSeq = resumeAfterSeq ?? -1;
        _payloadOptions = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(RealtimeJsonContext.Default, options.PayloadTypeInfoResolver ?? new DefaultJsonTypeInfoResolver()),
        };
        _payloadOptions.MakeReadOnly();
        if (options.PushBufferCapacity > 0)
        {
            _pushes = Channel.CreateBounded<Push>(new BoundedChannelOptions(options.PushBufferCapacity)
            {
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }
    }

    /// <summary>Raised for every push, in sequence order, after it was added to the stream of <see cref="ReadPushesAsync"/>.</summary>
    public event EventHandler<Push>? PushReceived;

    /// <summary>Raised when pushes were lost beyond the gateway's replay buffer: reload state; the stream continues.</summary>
    public event EventHandler<ResyncRequiredNotice>? ResyncRequired;

    /// <summary>Raised once when a newer connection of the player replaced this one (final; no reconnect).</summary>
    public event EventHandler<SessionReplacedException>? SessionReplaced;

    /// <summary>Raised on every state change (connected, reconnecting, replaced, closed).</summary>
    public event EventHandler<RealtimeStateChange>? StateChanged;

    /// <summary>The current state.</summary>
    public RealtimeConnectionState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>The current (or last) socket's session, from its welcome.</summary>
    public RealtimeSessionInfo? Session
    {
        get
        {
            lock (_lock)
            {
                return _session;
            }
        }
    }

    /// <summary>The last push sequence seen (persist it to resume in a later run), or <see langword="null"/> before the first welcome.</summary>
    public long? LastSeq => Volatile.Read(ref _lastSeq) is var seq and >= 0 ? seq : null;

    /// <summary>
    /// Completes when the connection is over for good: successfully after <see cref="DisposeAsync"/>; faulted with
    /// <see cref="SessionReplacedException"/> when replaced, or with the last failure when reconnecting gave up (e.g.
    /// <see cref="TokenRefreshException"/> when the sign-in ended).
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// The pushes, in sequence order, across reconnects, for one reader. The stream ends after
    /// <see cref="DisposeAsync"/> and throws the reason when the connection ends otherwise (see <see cref="Completion"/>).
    /// </summary>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="InvalidOperationException"><see cref="GameClientOptions.PushBufferCapacity"/> is 0.</exception>
    public IAsyncEnumerable<Push> ReadPushesAsync(CancellationToken cancellationToken = default) =>
        (_pushes ?? throw new InvalidOperationException("The push stream is disabled (GameClientOptions.PushBufferCapacity is 0); use the PushReceived event."))
            .Reader.ReadAllAsync(cancellationToken);

    /// <summary>Waits until the socket is open (at once when it is).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="GameClientException">The connection ended for good (see <see cref="Completion"/>).</exception>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Sends a request and returns its result, deserialised (snake_case) as <typeparamref name="TResponse"/> (use
    /// <see cref="JsonElement"/> for the raw payload).
    /// </summary>
    /// <param name="type">The request type, e.g. <c>player.increment</c>.</param>
    /// <param name="payload">The payload object (serialised snake_case), or <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops waiting for the reply (the request may still run).</param>
    /// <exception cref="GameClientException">An error reply (its code), <see cref="GameErrorCodes.Timeout"/>, or <see cref="ConnectionLostException"/>.</exception>
    public async Task<TResponse> SendAsync<TResponse>(string type, object? payload = null, CancellationToken cancellationToken = default)
    {
        var resultType = (JsonTypeInfo<TResponse>)_payloadOptions.GetTypeInfo(typeof(TResponse));
        var payloadType = payload is null ? null : _payloadOptions.GetTypeInfo(payload.GetType());
        var reply = await RequestAsync(
            type,
            payloadType is null ? null : writer => JsonSerializer.Serialize(writer, payload, payloadType),
            cancellationToken).ConfigureAwait(false);
        return Read(type, reply, resultType);
    }

    /// <summary>Sends a request with source-generated contracts (trimming/AOT friendly) and returns its result.</summary>
    /// <param name="type">The request type.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="payloadType">The payload's JSON contract.</param>
    /// <param name="resultType">The result's JSON contract.</param>
    /// <param name="cancellationToken">Stops waiting for the reply.</param>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        string type, TRequest payload, JsonTypeInfo<TRequest> payloadType, JsonTypeInfo<TResponse> resultType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(resultType);
        var reply = await RequestAsync(type, writer => JsonSerializer.Serialize(writer, payload, payloadType), cancellationToken).ConfigureAwait(false);
        return Read(type, reply, resultType);
    }

    /// <summary>The player's profile (<c>player.get_profile</c>).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<PlayerProfile> GetProfileAsync(CancellationToken cancellationToken = default) =>
        Read("player.get_profile", await RequestAsync("player.get_profile", null, cancellationToken).ConfigureAwait(false), RealtimeJsonContext.Default.PlayerProfile);

    /// <summary>Changes the display name (<c>player.set_display_name</c>); a <c>profile_changed</c> push follows.</summary>
    /// <param name="displayName">The new display name.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task<PlayerProfile> SetDisplayNameAsync(string displayName, CancellationToken cancellationToken = default) =>
        SendAsync("player.set_display_name", new DisplayNameBody(displayName), RealtimeJsonContext.Default.DisplayNameBody, RealtimeJsonContext.Default.PlayerProfile, cancellationToken);

    /// <summary>Adds <paramref name="amount"/> (1 to 1,000,000) to the player's counter (<c>player.increment</c>); returns the counter.</summary>
    /// <param name="amount">What to add.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<long> IncrementAsync(long amount, CancellationToken cancellationToken = default) =>
        (await SendAsync("player.increment", new IncrementPayload(amount), RealtimeJsonContext.Default.IncrementPayload, RealtimeJsonContext.Default.IncrementResult, cancellationToken).ConfigureAwait(false)).Counter;

    /// <summary>An application-level ping (<c>ping</c>); returns the gateway's clock.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<DateTimeOffset> PingAsync(CancellationToken cancellationToken = default) =>
        Read("ping", await RequestAsync("ping", null, cancellationToken).ConfigureAwait(false), RealtimeJsonContext.Default.PongResult).ServerTime;

    /// <summary>Closes the socket and ends the connection (<see cref="Completion"/> completes, the push stream ends).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) != 0)
        {
            await _completion.Task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            return;
        }

        RealtimeLink? link;
        lock (_lock)
        {
            link = _link;
        }

        if (link is not null)
        {
            await link.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            // Give the gateway a moment to answer the close frame, then stop whatever is left.
            await Task.WhenAny(_run, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        }

        await _closed.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or GameClientException)
        {
        }

        Finish(null);
    }

    private async Task<JsonElement> RequestAsync(string type, Action<Utf8JsonWriter>? writePayload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        RealtimeLink link;
        lock (_lock)
        {
            link = _state switch
            {
                RealtimeConnectionState.Connected when _link is not null => _link,
                RealtimeConnectionState.Replaced => throw new SessionReplacedException(),
                RealtimeConnectionState.Closed => throw new ConnectionLostException("The realtime connection is closed.", null),
                _ => throw new ConnectionLostException($"The realtime connection is {_state.ToString().ToLowerInvariant()}; wait with WaitUntilConnectedAsync.", null),
            };
        }

        var cid = "c" + Interlocked.Increment(ref _nextCid).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var frame = Envelope(cid, type, writePayload);
        var pending = link.Register(cid);
        try
        {
            try
            {
                // Sending is not cancelled by the caller: a half-sent frame would break the socket for everyone.
                await link.SendAsync(frame, cancellationToken, _closed.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or ObjectDisposedException or IOException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new ConnectionLostException("The realtime socket dropped while sending the request.", exception);
            }

            return await pending.Task.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new GameClientException(GameErrorCodes.Timeout, $"'{type}' got no reply within {_options.RequestTimeout}.", innerException: exception);
        }
        finally
        {
            link.Unregister(cid);
        }
    }

    private static byte[] Envelope(string cid, string type, Action<Utf8JsonWriter>? writePayload)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("cid", cid);
            writer.WriteString("type", type);
            if (writePayload is not null)
            {
                writer.WritePropertyName("payload");
                writePayload(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static T Read<T>(string type, JsonElement payload, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return payload.Deserialize(typeInfo) ?? throw new JsonException("The result is null.");
        }
        catch (JsonException exception)
        {
            throw new GameClientException(GameErrorCodes.InvalidResponse, $"The result of '{type}' is not a {typeof(T).Name}: {exception.Message}", innerException: exception);
        }
    }
}
