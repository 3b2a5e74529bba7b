namespace GameCluster.Grains;

/// <summary>
/// A player's server-push channel (keyed by the player id): numbers every push with a per-player sequence, keeps a
/// bounded replay buffer, and knows the player's current realtime session and the gateway that holds it. Game code calls
/// <see cref="PushAsync"/>; the grain then drops a notice in that gateway's <see cref="IPushMailboxGrain"/> and the
/// session fetches with <see cref="PollAsync"/>. Only ordinary grain calls are involved, so the same path works whether
/// the gateway runs inside a silo or as a cluster client, and a player can resume on any gateway.
/// </summary>
public interface IPlayerPushGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends <paramref name="pushEvent"/> to the player's stream and returns its sequence number once it is durable.
    /// A push that fails may still be delivered later (at least once, never under another sequence number).
    /// </summary>
    Task<long> PushAsync(PushEvent pushEvent);

    /// <summary>
    /// Makes <paramref name="sessionId"/> the player's only live session, held by the gateway whose mailbox is
    /// <paramref name="mailboxId"/> (see <see cref="IPushMailboxGrain"/>); a previous session is told it was replaced.
    /// </summary>
    Task<PushSessionInfo> AttachAsync(string sessionId, string mailboxId);

    /// <summary>Forgets <paramref name="sessionId"/> if it is still the current session.</summary>
    Task DetachAsync(string sessionId);

    /// <summary>
    /// The pushes after <paramref name="afterSeq"/>; waits up to <paramref name="maxWait"/> (capped by the silo) when there
    /// are none yet (gateways pass zero: they wait at their mailbox). Interleaves with every other call.
    /// </summary>
    [AlwaysInterleave]
    Task<PushPoll> PollAsync(string sessionId, long afterSeq, TimeSpan maxWait);

    /// <summary>The current session and the latest durable sequence number.</summary>
    [AlwaysInterleave]
    Task<PushSessionInfo> GetSessionAsync();
}
