using System.Diagnostics;

namespace GameCluster.Bench.Calls;

/// <summary>Runs one round of a case: all its callers for a fixed time, with process-wide CPU and GC counters; and exact allocation probes.</summary>
public static class ThroughputRunner
{
    private static readonly TimeSpan AllocationProbeLength = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Allocated bytes per call, counted exactly over a short run (about 20 ms) inside a no-GC region, or
    /// <see langword="null"/> when the run could not avoid a GC.
    /// </summary>
    public static async Task<double?> MeasureBytesPerCallAsync(IThroughputCase throughputCase)
    {
        long calls = 0;
        var allocated = await AllocationCounter.CountAllocatedBytesAsync(256L * 1024 * 1024, async () =>
        {
            var probe = await RunRoundAsync(throughputCase, 0, AllocationProbeLength, collectFirst: false);
            calls = probe.Calls;
        });
        return allocated is { } bytes && calls > 0 ? (double)bytes / calls : null;
    }

    /// <summary>Runs <paramref name="throughputCase"/> for <paramref name="length"/> and measures it.</summary>
    public static async Task<RoundResult> RunRoundAsync(IThroughputCase throughputCase, int round, TimeSpan length, bool collectFirst = true)
    {
        if (collectFirst)
        {
            // Start every round from the same heap state; not timed.
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var stop = new StopSignal();
        var callers = new Task<long>[throughputCase.Callers];
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var gen0Before = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < callers.Length; i++)
        {
            var caller = i;
            callers[i] = Task.Run(() => throughputCase.RunCallerAsync(caller, stop));
        }

        // A dedicated thread ends the round: a timer continuation would queue behind the callers' work on the
        // thread pool and could stretch the round (and overrun the allocation probe's no-GC budget).
        var stopper = new Thread(() =>
        {
            Thread.Sleep(length);
            stop.Stop();
        })
        {
            IsBackground = true,
            Name = "bench round stopper",
        };
        stopper.Start();
        var counts = await Task.WhenAll(callers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new RoundResult(
            round,
            counts.Sum(),
            elapsed,
            Environment.CpuUsage.TotalTime - cpuBefore,
            GC.CollectionCount(0) - gen0Before,
            GC.CollectionCount(2) - gen2Before);
    }
}
