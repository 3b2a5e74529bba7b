namespace GameCluster.Bench.Calls;

/// <summary>A request travelling through a channel: the argument and where to put the response.</summary>
/// <param name="Value">The argument, echoed back.</param>
/// <param name="Completion">Completed by the consumer with the response.</param>
public readonly record struct ChannelRequest(int Value, TaskCompletionSource<int> Completion);
