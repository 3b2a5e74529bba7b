namespace GameCluster.Grains;

/// <summary>A player's current realtime session and push position.</summary>
/// <param name="SessionId">The live session, or <see langword="null"/> when none is attached.</param>
/// <param name="LatestSeq">The latest durable sequence number (0 before the first push).</param>
/// <param name="OldestSeq">The oldest sequence number still in the replay buffer (<c>LatestSeq + 1</c> when it is empty).</param>
/// <param name="MailboxId">
/// The mailbox (<see cref="IPushMailboxGrain"/>) of the gateway holding <paramref name="SessionId"/>, or
/// <see langword="null"/> when none is attached or that mailbox answered that its gateway is gone.
/// </param>
[GenerateSerializer]
[Immutable]
public sealed record PushSessionInfo(
    [property: Id(0)] string? SessionId,
    [property: Id(1)] long LatestSeq,
    [property: Id(2)] long OldestSeq,
    [property: Id(3)] string? MailboxId = null);
