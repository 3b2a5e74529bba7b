namespace GameCluster.Messaging;

/// <summary>Silo-to-silo and client-to-silo transport settings (configuration section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary>Messages queued per connection before senders wait (backpressure). Default 10,000.</summary>
    public int OutboundQueueCapacity { get; set; } = 10_000;

    /// <summary>The largest frame accepted; a bigger one closes the connection. Default 16 MiB.</summary>
    public int MaxFrameBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Bytes written before a flush while a batch drains. Default 64 KiB.</summary>
    public int FlushThresholdBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long a connection's reading thread may itself run the turns and writes that one read started before it
    /// hands the rest to the thread pool (0: never run them itself). Running them on the reading thread saves a
    /// thread hand-off per message; the budget bounds how long a slow turn holds up the connection. Default 200 µs.
    /// </summary>
    public TimeSpan InlineDispatchBudget { get; set; } = TimeSpan.FromMicroseconds(200);

    /// <summary>The longest a connection attempt, handshake included, may take. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
