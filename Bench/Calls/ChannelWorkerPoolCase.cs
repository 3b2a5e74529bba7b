using System.Threading.Channels;

namespace GameCluster.Bench.Calls;

/// <summary>
/// A second reference for the concurrent case: one shared unbounded channel drained by
/// <see cref="Environment.ProcessorCount"/> consumers. Busy consumers take many requests per wake-up, so this is the
/// cheapest in-process request/response hop (a worker pool, not an actor mailbox) and an upper bound.
/// </summary>
public sealed class ChannelWorkerPoolCase(int callers) : IThroughputCase
{
    private readonly Channel<ChannelRequest> _channel = Channel.CreateUnbounded<ChannelRequest>(ChannelConsumer.Options(singleReader: false));
    private readonly List<Task> _consumers = [];

    /// <inheritdoc />
    public string Name => $"channel hop, 1 shared channel x {Targets} consumers";

    /// <inheritdoc />
    public string Kind => "channel";

    /// <inheritdoc />
    public int Callers => callers;

    /// <inheritdoc />
    public int Targets => Environment.ProcessorCount;

    /// <inheritdoc />
    public Task SetupAsync()
    {
        for (var i = 0; i < Targets; i++)
        {
            _consumers.Add(Task.Run(() => ChannelConsumer.ConsumeAsync(_channel.Reader)));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<long> RunCallerAsync(int caller, StopSignal stop)
    {
        var writer = _channel.Writer;
        long calls = 0;
        while (!stop.IsStopped)
        {
            var value = (int)calls;
            var result = await ChannelConsumer.CallAsync(writer, value);
            if (result != value)
            {
                throw new InvalidOperationException($"Expected {value}, got {result}.");
            }

            calls++;
        }

        return calls;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_consumers);
    }
}
