using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using GameCluster.Bench.Hosting;
using GameCluster.Bench.Reporting;
using GameCluster.Diagnostics;
using GameCluster.Grains;
using GameCluster.Grains.Player;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Bench.Memory;

/// <summary>
/// Activates many <see cref="IPlayerGrain"/> activations in one silo with memory storage (one read-only call each, no
/// writes, nothing collected) and measures the heap they hold.
/// </summary>
public static class MemoryScenario
{
    private const int WarmupActivations = 1_000;
    private const int AllocationProbeActivations = 10_000;

    /// <summary>Runs the scenario.</summary>
    public static async Task<MemoryResult> RunAsync(BenchOptions options, TextWriter log)
    {
        await using var silo = await BenchSilo.StartAsync(typeof(PlayerGrain).Assembly, new Dictionary<string, string?>
        {
            // Nothing may be collected, and the collector must not walk a million activations mid-measurement.
            ["Grains:CollectionAge"] = "365.00:00:00",
            ["Grains:CollectionQuantum"] = "1.00:00:00",
        });
        var loadBefore = MachineInfo.LoadAverage();
        var factory = silo.GrainFactory;
        var instruments = silo.Services.GetRequiredService<GrainInstruments>();

        // JIT, tiering and first-use allocations are not part of the per-activation cost.
        await ActivateAsync(factory, "warmup-", WarmupActivations, options.Callers);

        var heapBefore = FullCollect();
        var workingSetBefore = WorkingSet();
        var activationsBefore = instruments.ActivationCount;
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var started = Stopwatch.GetTimestamp();
        var activation = ActivateAsync(factory, "p", options.Count, options.Callers);
        while (await Task.WhenAny(activation, Task.Delay(TimeSpan.FromSeconds(5))) != activation)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Stopwatch.GetElapsedTime(started).TotalSeconds,5:0} s: {instruments.ActivationCount - activationsBefore,10:N0} activations, working set {WorkingSet() / (1024.0 * 1024):N0} MiB"));
        }

        await activation;
        var activationTime = Stopwatch.GetElapsedTime(started);
        var collections = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        var activated = instruments.ActivationCount - activationsBefore;
        var heapAfter = FullCollect();
        var workingSetAfter = WorkingSet();
        using var process = Process.GetCurrentProcess();
        var peakWorkingSet = process.PeakWorkingSet64;
        var gcCommitted = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes;

        // Exact allocation count for a sample of further activations, inside a no-GC region (see AllocationCounter).
        var probeAllocated = await AllocationCounter.CountAllocatedBytesAsync(48L * 1024 * 1024, () => ActivateAsync(factory, "probe-", AllocationProbeActivations, options.Callers));
        var result = new MemoryResult
        {
            Requested = options.Count,
            Activated = activated,
            Callers = options.Callers,
            ActivationTime = activationTime,
            HeapBefore = heapBefore,
            HeapAfter = heapAfter,
            WorkingSetBefore = workingSetBefore,
            WorkingSetAfter = workingSetAfter,
            PeakWorkingSet = peakWorkingSet,
            GcCommitted = gcCommitted,
            AllocatedPerActivation = probeAllocated is { } bytes ? (double)bytes / AllocationProbeActivations : null,
            Collections = collections,
            Load = $"{loadBefore} at start, {MachineInfo.LoadAverage()} at end",
        };
        if (activated != options.Count)
        {
            throw new InvalidOperationException($"Expected {options.Count:N0} new activations, the silo reports {activated:N0}.");
        }

        log.WriteLine("  stopping the silo (deactivates every activation)...");
        try
        {
            result = result with { ShutdownTime = await silo.StopAsync(TimeSpan.FromSeconds(60)) };
        }
        catch (OperationCanceledException)
        {
            // Reported as not finished.
        }

        using var end = Process.GetCurrentProcess();
        return result with { PeakWorkingSetAtEnd = end.PeakWorkingSet64 };
    }

    private static async Task ActivateAsync(IGrainFactory factory, string prefix, int count, int callers)
    {
        var next = -1;
        async Task CallerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}");
                var profile = await factory.GetGrain<IPlayerGrain>(key).GetProfileAsync();
                if (profile.PlayerId != key)
                {
                    throw new InvalidOperationException($"Grain {key} answered as {profile.PlayerId}.");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(CallerAsync)));
    }

    /// <summary>Full blocking compacting collections (LOH included), then the managed heap size.</summary>
    private static long FullCollect()
    {
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
