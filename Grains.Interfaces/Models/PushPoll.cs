namespace GameCluster.Grains;

/// <summary>The answer to a push poll.</summary>
/// <param name="Status">What happened.</param>
/// <param name="LatestSeq">The latest durable sequence number of the player.</param>
/// <param name="Messages">The pushes after the requested sequence, in order (empty unless <see cref="PushPollStatus.Ok"/>).</param>
[GenerateSerializer]
[Immutable]
public sealed record PushPoll(
    [property: Id(0)] PushPollStatus Status,
    [property: Id(1)] long LatestSeq,
    [property: Id(2)] IReadOnlyList<PushMessage> Messages);
