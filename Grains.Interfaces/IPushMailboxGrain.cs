namespace GameCluster.Grains;

/// <summary>
/// One gateway's inbox of push notices (keyed by the gateway's instance id, new for every gateway start). Players' push
/// grains drop a notice here when a push becomes durable for a session on that gateway, or when that session was
/// replaced; the gateway long-polls <see cref="WaitAsync"/> with a single call, instead of one poll per socket, and then
/// fetches the pushes of the sessions named. Notices are held in memory only, and at most a bounded number of them: a
/// gateway that sees a new <see cref="PushNoticeBatch.Incarnation"/>, or a gap in the indexes, re-fetches for every
/// session it holds. A mailbox that nobody has polled for a while (a lease of three times <c>Push:MaxPollWait</c>,
/// counted from its activation at the earliest) belongs to a gateway that is gone: it refuses notices and deactivates.
/// </summary>
public interface IPushMailboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues <paramref name="notice"/> for the gateway; <see langword="false"/> when the gateway is gone (its lease ran
    /// out), in which case the caller should stop sending notices here.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> DeliverAsync(PushNotice notice);

    /// <summary>
    /// The notices after <paramref name="afterIndex"/> of <paramref name="incarnation"/> (which also drops the older
    /// ones; all queued notices when the incarnation is another one or <see langword="null"/>); waits up to
    /// <paramref name="maxWait"/> (capped by the silo) when there are none yet. Each call renews the gateway's lease.
    /// </summary>
    [AlwaysInterleave]
    Task<PushNoticeBatch> WaitAsync(string? incarnation, long afterIndex, TimeSpan maxWait);
}
