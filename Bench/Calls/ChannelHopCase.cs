using System.Threading.Channels;

namespace GameCluster.Bench.Calls;

/// <summary>
/// The reference: a request/response hop through one unbounded channel per target, each drained by its own consumer
/// task, with a <see cref="TaskCompletionSource{TResult}"/> per request (continuations run asynchronously). One channel
/// per target mirrors the grain side, where each activation has its own mailbox and is scheduled when it has work.
/// </summary>
public sealed class ChannelHopCase(int targets, int callers) : IThroughputCase
{
    private readonly Channel<ChannelRequest>[] _channels = new Channel<ChannelRequest>[targets];
    private readonly ChannelWriter<ChannelRequest>[] _writers = new ChannelWriter<ChannelRequest>[targets];
    private readonly Task[] _consumers = new Task[targets];

    /// <inheritdoc />
    public string Name => $"channel hop, {Targets:N0} channel(s) x 1 consumer";

    /// <inheritdoc />
    public string Kind => "channel";

    /// <inheritdoc />
    public int Callers => callers;

    /// <inheritdoc />
    public int Targets => targets;

    /// <inheritdoc />
    public Task SetupAsync()
    {
        for (var i = 0; i < targets; i++)
        {
            var channel = Channel.CreateUnbounded<ChannelRequest>(ChannelConsumer.Options(singleReader: true));
            _channels[i] = channel;
            _writers[i] = channel.Writer;
            _consumers[i] = Task.Run(() => ChannelConsumer.ConsumeAsync(channel.Reader));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<long> RunCallerAsync(int caller, StopSignal stop)
    {
        var writers = _writers;
        var index = TargetSpread.StartIndex(caller, callers, writers.Length);
        long calls = 0;
        while (!stop.IsStopped)
        {
            var value = (int)calls;
            var result = await ChannelConsumer.CallAsync(writers[index], value);
            if (result != value)
            {
                throw new InvalidOperationException($"Expected {value}, got {result}.");
            }

            calls++;
            if (++index == writers.Length)
            {
                index = 0;
            }
        }

        return calls;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel?.Writer.TryComplete();
        }

        await Task.WhenAll(_consumers.Where(static c => c is not null));
    }
}
