using System.Globalization;
using System.Text;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Memory;

/// <summary>The results of the memory scenario, as a console table and as a README section.</summary>
public sealed class MemoryReport(DateTimeOffset startedAt, MemoryResult result)
{
    /// <summary>The most memory the process may use for a million activations.</summary>
    public const long TargetBytes = 3L * 1024 * 1024 * 1024;

    /// <summary>Activations the target is stated for.</summary>
    public const int TargetActivations = 1_000_000;

    /// <summary>The measurement.</summary>
    public MemoryResult Result => result;

    /// <summary>The console form.</summary>
    public string ToText() => $"{Table().ToText()}\n{Verdict()}\n";

    /// <summary>The README section.</summary>
    public string ToMarkdown(MachineInfo machine, string command)
    {
        var text = new StringBuilder();
        ReportHeader.Append(text, "memory", startedAt, machine, MachineInfo.SourceVersion(), $"`{command}`", result.Load);
        text.AppendLine(Invariant(
            $"- Settings: {result.Requested:N0} `PlayerGrain` activations (keys `p0`..`p{result.Requested - 1}`), one `GetProfileAsync` each from {result.Callers} concurrent callers, memory storage, no writes, `Grains:CollectionAge` 365 days; the heap is measured after three full blocking compacting collections before and after."));
        text.AppendLine();
        text.Append(Table().ToMarkdown()).AppendLine();
        text.AppendLine($"- {Verdict()}");
        return text.ToString();
    }

    private ResultTable Table()
    {
        var table = new ResultTable("Measure", "Value");
        table.Add("Activations", Invariant($"{result.Activated:N0}"));
        table.Add("Activation time", Invariant($"{result.ActivationTime.TotalSeconds:N1} s"));
        table.Add("Activations/s", Invariant($"{result.ActivationsPerSecond:N0}"));
        table.Add("Managed heap before", Bytes(result.HeapBefore));
        table.Add("Managed heap after", Bytes(result.HeapAfter));
        table.Add("Managed heap delta", Bytes(result.HeapAfter - result.HeapBefore));
        table.Add("Bytes per activation (heap delta / activations)", Invariant($"{result.BytesPerActivation:N0} B"));
        table.Add("Working set before", Bytes(result.WorkingSetBefore));
        table.Add("Working set after", Bytes(result.WorkingSetAfter));
        table.Add("Peak working set (activation and measurement)", Bytes(result.PeakWorkingSet));
        table.Add("Peak working set (whole run, incl. sample and silo stop)", Bytes(result.PeakWorkingSetAtEnd));
        table.Add("GC committed after", Bytes(result.GcCommitted));
        table.Add("Allocated per activation (kept or not; 10,000-activation no-GC sample)", result.AllocatedPerActivation is { } allocated ? Invariant($"{allocated:N0} B") : "n/a");
        table.Add("GCs while activating (gen0/gen1/gen2)", Invariant($"{result.Collections.Gen0}/{result.Collections.Gen1}/{result.Collections.Gen2}"));
        table.Add("Graceful silo stop (deactivates all)", result.ShutdownTime is { } stop ? Invariant($"{stop.TotalSeconds:N1} s") : "did not finish in 60 s");
        return table;
    }

    private string Verdict()
    {
        var peak = Math.Max(result.PeakWorkingSet, result.PeakWorkingSetAtEnd);
        var measured = Invariant($"working set {Bytes(result.WorkingSetAfter)} with every activation alive (peak over the whole run {Bytes(peak)})");
        if (result.Activated != TargetActivations)
        {
            return Invariant($"Not judged: the target (under {Bytes(TargetBytes)}) is stated for {TargetActivations:N0} activations, this run had {result.Activated:N0}; {measured}.");
        }

        return result.WorkingSetAfter < TargetBytes && peak < TargetBytes
            ? Invariant($"Target met: {measured} is under {Bytes(TargetBytes)}.")
            : Invariant($"Target MISSED: {measured}, target under {Bytes(TargetBytes)}.");
    }

    private static string Bytes(long bytes) => bytes >= 1024L * 1024 * 1024
        ? Invariant($"{bytes / (1024.0 * 1024 * 1024):N2} GiB")
        : Invariant($"{bytes / (1024.0 * 1024):N0} MiB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
