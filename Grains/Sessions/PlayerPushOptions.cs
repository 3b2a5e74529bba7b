namespace GameCluster.Grains.Sessions;

/// <summary>Settings of the per-player push channel (configuration section <c>Push</c>, read by the silos).</summary>
public sealed class PlayerPushOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Push";

    /// <summary>How many recent pushes each player keeps for resuming clients. Default 100.</summary>
    public int ReplayBufferSize { get; set; } = 100;

    /// <summary>The largest event data (UTF-16 characters of its JSON). Default 8192.</summary>
    public int MaxDataLength { get; set; } = 8192;

    /// <summary>The longest a poll waits for a push; keep it below <c>Messaging:ResponseTimeout</c>. Default 20 seconds.</summary>
    public TimeSpan MaxPollWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The most notices a gateway's push mailbox keeps while its gateway does not poll; beyond it the oldest are dropped
    /// and the gateway re-fetches for all its sessions. A mailbox whose gateway stopped polling for three times
    /// <see cref="MaxPollWait"/> refuses notices and is removed. Default 100000.
    /// </summary>
    public int MaxQueuedNotices { get; set; } = 100_000;
}
