using GameCluster.Bench.Grains;

namespace GameCluster.Bench.Calls;

/// <summary>
/// Local grain calls from plain async code (no grain context) through <see cref="IGrainFactory"/> references created
/// and activated before the rounds, so a round measures calls only.
/// </summary>
public sealed class GrainCallCase(IGrainFactory grainFactory, int grains, int callers, long firstKey) : IThroughputCase
{
    private readonly IBenchGrain[] _grains = new IBenchGrain[grains];

    /// <inheritdoc />
    public string Name => $"grain calls, {Targets:N0} grain(s)";

    /// <inheritdoc />
    public string Kind => "grain";

    /// <inheritdoc />
    public int Callers => callers;

    /// <inheritdoc />
    public int Targets => grains;

    /// <inheritdoc />
    public async Task SetupAsync()
    {
        for (var i = 0; i < grains; i++)
        {
            _grains[i] = grainFactory.GetGrain<IBenchGrain>(firstKey + i);
        }

        const int Batch = 1_000;
        for (var start = 0; start < grains; start += Batch)
        {
            var end = Math.Min(grains, start + Batch);
            var activations = new Task<int>[end - start];
            for (var i = start; i < end; i++)
            {
                activations[i - start] = _grains[i].PingAsync(i);
            }

            await Task.WhenAll(activations);
        }
    }

    /// <inheritdoc />
    public async Task<long> RunCallerAsync(int caller, StopSignal stop)
    {
        var targets = _grains;
        var index = TargetSpread.StartIndex(caller, callers, targets.Length);
        long calls = 0;
        while (!stop.IsStopped)
        {
            var value = (int)calls;
            var result = await targets[index].PingAsync(value);
            if (result != value)
            {
                throw new InvalidOperationException($"Expected {value}, got {result}.");
            }

            calls++;
            if (++index == targets.Length)
            {
                index = 0;
            }
        }

        return calls;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
