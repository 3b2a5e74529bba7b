namespace GameCluster.Gateway.Realtime;

/// <summary>Settings of the realtime socket at <c>/ws</c> (configuration section <c>Gateway:Realtime</c>).</summary>
public sealed class RealtimeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Realtime";

    /// <summary>
    /// Whether a new connection that starts with a plain WebSocket upgrade of <c>/ws</c> is accepted below the HTTP
    /// pipeline (Kestrel connection middleware), so that an idle socket does not keep an HTTP request alive. Other
    /// requests are not affected; <see langword="false"/> sends every upgrade through ASP.NET Core. It is off anyway when
    /// host filtering (<c>AllowedHosts</c> other than <c>*</c>), forwarded headers or
    /// <c>WebSocketOptions.AllowedOrigins</c> are configured, and never applies to TLS terminated by Kestrel. Default true.
    /// </summary>
    public bool ConnectionLevelUpgrade { get; set; } = true;

    /// <summary>How often the server sends a WebSocket ping. Default 15 seconds.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A client that does not answer a ping within this time is dropped. Default 25 seconds.</summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>The largest inbound message; a larger one closes the socket (1009). Default 16 KiB.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024;

    /// <summary>Messages queued for one socket; a client that lets more pile up is disconnected. Default 256.</summary>
    public int OutboundQueueCapacity { get; set; } = 256;

    /// <summary>How long the gateway's one poll of its push mailbox waits there; keep it below <c>Messaging:ResponseTimeout</c>. Default 15 seconds.</summary>
    public TimeSpan PushPollWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often every socket's pushes are fetched even without a notice (a safety sweep: a lost notice then delays a
    /// push, or the close of a replaced socket, by at most about this). Each sweep is spread over half the interval,
    /// with jitter, at most <see cref="RealtimePushMailbox.MaxConcurrentFetches"/> at a time. Default 30 seconds.
    /// </summary>
    public TimeSpan PushSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a closing socket may take to finish the close handshake before it is aborted. Default 5 seconds.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages per second one player may send (token bucket refill). Default 20.</summary>
    public int PlayerMessagesPerSecond { get; set; } = 20;

    /// <summary>Burst of messages one player may send at once (token bucket size). Default 40.</summary>
    public int PlayerMessageBurst { get; set; } = 40;

    /// <summary>Messages per second all sockets from one IP address may send. Default 200.</summary>
    public int IpMessagesPerSecond { get; set; } = 200;

    /// <summary>Burst of messages all sockets from one IP address may send at once. Default 400.</summary>
    public int IpMessageBurst { get; set; } = 400;
}
