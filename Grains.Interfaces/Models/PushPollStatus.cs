namespace GameCluster.Grains;

/// <summary>What a <see cref="IPlayerPushGrain.PollAsync"/> answer means.</summary>
public enum PushPollStatus
{
    /// <summary>The messages after the requested sequence (possibly none, when the wait ran out).</summary>
    Ok,

    /// <summary>The requested sequence is older than the replay buffer (or unknown): the client must resync.</summary>
    ResyncRequired,

    /// <summary>Another session of the player took over; this session must close.</summary>
    Superseded,

    /// <summary>The silo is stopping; poll again shortly (the next call reaches the grain's new activation).</summary>
    Retry,
}
