namespace GameCluster.Grains;

/// <summary>The answer to <see cref="IPushMailboxGrain.WaitAsync"/>.</summary>
/// <param name="Incarnation">The mailbox activation's id; a new one means notices may have been lost.</param>
/// <param name="FirstIndex">The index of the first notice in <paramref name="Notices"/> (the next index when there is none); more than one past the poll's <c>afterIndex</c> means notices were dropped.</param>
/// <param name="Notices">The notices, in order (possibly none, when the wait ran out).</param>
[GenerateSerializer]
[Immutable]
public sealed record PushNoticeBatch(
    [property: Id(0)] string Incarnation,
    [property: Id(1)] long FirstIndex,
    [property: Id(2)] IReadOnlyList<PushNotice> Notices);
