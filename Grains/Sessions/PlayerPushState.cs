namespace GameCluster.Grains.Sessions;

/// <summary>The stored state of a player's push channel.</summary>
public sealed class PlayerPushState
{
    /// <summary>The last sequence number given out (0 before the first push).</summary>
    public long LastSeq { get; set; }

    /// <summary>The player's live realtime session, if any.</summary>
    public string? SessionId { get; set; }

    /// <summary>The mailbox (<see cref="IPushMailboxGrain"/>) of the gateway holding <see cref="SessionId"/>.</summary>
    public string? MailboxId { get; set; }

    /// <summary>The most recent pushes, oldest first, at most <see cref="PlayerPushOptions.ReplayBufferSize"/>.</summary>
    public List<PushMessage> Buffer { get; set; } = [];
}
