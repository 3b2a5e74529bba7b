using System.Globalization;
using System.Runtime;

#pragma warning disable CA1050 // A startup hook must be a type named StartupHook in the global namespace.

/// <summary>
/// A .NET startup hook (<c>DOTNET_STARTUP_HOOKS</c>) that the <c>sockets</c> scenario loads into the gateway process it
/// starts, so that it can read that process's managed heap without an endpoint and without dotnet-counters. It does
/// nothing unless <c>GAMECLUSTER_BENCH_PROBE=1</c>; then a background thread reads commands from standard input:
/// <c>gc</c> runs three full blocking compacting collections (LOH compaction on) and prints one line
/// <c>bench-probe heap=B committed=B gen0=N gen1=N gen2=N</c> (<see cref="GC.GetTotalMemory(bool)"/> and
/// <see cref="GCMemoryInfo.TotalCommittedBytes"/>). End of input ends the thread.
/// </summary>
internal static class StartupHook
{
    /// <summary>The prefix of the answer line.</summary>
    public const string AnswerPrefix = "bench-probe ";

    /// <summary>Called by the runtime before <c>Main</c>.</summary>
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("GAMECLUSTER_BENCH_PROBE") != "1")
        {
            return;
        }

        var thread = new Thread(Serve) { IsBackground = true, Name = "bench-probe" };
        thread.Start();
    }

    private static void Serve()
    {
        while (Console.In.ReadLine() is { } line)
        {
            if (line.Trim() != "gc")
            {
                continue;
            }

            for (var i = 0; i < 3; i++)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            var heap = GC.GetTotalMemory(false);
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{AnswerPrefix}heap={heap} committed={info.TotalCommittedBytes} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)}"));
            Console.Out.Flush();
        }
    }
}
