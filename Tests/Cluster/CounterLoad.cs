using System.Collections.Concurrent;
using GameCluster.Tests.ClusterGrains;
using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.Cluster;

/// <summary>
/// Keeps incrementing counters and remembers, per counter, the last value a call acknowledged. A failed call's
/// effect is unknown (it may have run), but the next acknowledged call reports the true total, so in the end the
/// stored value must equal the last acknowledged one: nothing acknowledged lost, nothing stale written over it.
/// </summary>
internal sealed class CounterLoad : IAsyncDisposable
{
    private const int Workers = 16;
    private readonly List<IClusterCounterGrain> _counters;
    private readonly List<string> _keys;
    private readonly long[] _acknowledged;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private long _calls;

    private CounterLoad(IClusterClient client, int grains)
    {
        _keys = Enumerable.Range(0, grains).Select(_ => TestServices.NewKey("load")).ToList();
        _counters = _keys.Select(client.GetGrain<IClusterCounterGrain>).ToList();
        _acknowledged = new long[grains];
    }

    public static async Task<CounterLoad> StartAsync(IClusterClient client, int grains)
    {
        var load = new CounterLoad(client, grains);
        for (var w = 0; w < Workers; w++)
        {
            var worker = w;
            load._workers.Add(Task.Run(() => load.RunAsync(worker)));
        }

        await Task.Delay(100);
        return load;
    }

    public async Task StopAndVerifyAsync(ITestOutputHelper output)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        for (var i = 0; i < _counters.Count; i++)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    _acknowledged[i] = await _counters[i].AddAsync(1);
                    break;
                }
                catch (Exception) when (attempt < 10)
                {
                    await Task.Delay(200);
                }
            }
        }

        output.WriteLine($"{_calls} calls acknowledged; failed calls by exception: {string.Join(", ", _failures.Select(f => $"{f.Key} x{f.Value}"))}");
        var stored = await ProcessCluster.ReadCountersAsync(_keys);
        for (var i = 0; i < _keys.Count; i++)
        {
            Assert.Equal(_acknowledged[i], stored[_keys[i]].Value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(int worker)
    {
        for (var i = worker; !_stop.IsCancellationRequested; i = (i + Workers) % _counters.Count)
        {
            try
            {
                _acknowledged[i] = await _counters[i].AddAsync(1);
                Interlocked.Increment(ref _calls);
            }
            catch (Exception exception)
            {
                _failures.AddOrUpdate(exception.GetType().Name, 1, static (_, n) => n + 1);
                await Task.Delay(20);
            }
        }
    }
}
