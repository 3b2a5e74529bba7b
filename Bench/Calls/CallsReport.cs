using System.Globalization;
using System.Text;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Calls;

/// <summary>The results of the calls scenario, as a console table and as a README section.</summary>
public sealed class CallsReport(BenchOptions options, DateTimeOffset startedAt, string load, IReadOnlyList<CaseResult> cases, IReadOnlyList<CaseComparison> comparisons)
{
    /// <summary>Every case.</summary>
    public IReadOnlyList<CaseResult> Cases => cases;

    /// <summary>Grain cases against their references.</summary>
    public IReadOnlyList<CaseComparison> Comparisons => comparisons;

    /// <summary>The console form.</summary>
    public string ToText() => $"{CaseTable().ToText()}\n{ComparisonTable().ToText()}\n{string.Join('\n', Verdicts())}\n";

    /// <summary>The README section.</summary>
    public string ToMarkdown(MachineInfo machine, string command)
    {
        var text = new StringBuilder();
        ReportHeader.Append(text, "calls", startedAt, machine, MachineInfo.SourceVersion(), $"`{command}`", load);
        text.AppendLine(Invariant(
            $"- Settings: {options.Warmup.TotalSeconds:0.#} s warmup per case, then {options.Rounds} rounds of {options.RoundLength.TotalSeconds:0.#} s; every round runs every case once (order reversed every other round); medians over rounds. Concurrent cases: {options.Callers} callers over {options.Grains:N0} targets."));
        text.AppendLine();
        text.Append(CaseTable().ToMarkdown()).AppendLine();
        text.Append(ComparisonTable().ToMarkdown()).AppendLine();
        foreach (var verdict in Verdicts())
        {
            text.AppendLine($"- {verdict}");
        }

        return text.ToString();
    }

    private ResultTable CaseTable()
    {
        var table = new ResultTable("Case", "Callers", "Median calls/s", "Min calls/s", "Max calls/s", "Alloc B/call", "CPU µs/call", "Gen0 GCs/round");
        foreach (var result in cases)
        {
            table.Add(
                result.Name,
                Invariant($"{result.Callers}"),
                Invariant($"{result.MedianCallsPerSecond:N0}"),
                Invariant($"{result.MinCallsPerSecond:N0}"),
                Invariant($"{result.MaxCallsPerSecond:N0}"),
                result.BytesPerCall is { } bytes ? Invariant($"{bytes:N0}") : "n/a",
                Invariant($"{result.MedianCpuMicrosecondsPerCall:N2}"),
                Invariant($"{result.MedianGen0PerRound:N0}"));
        }

        return table;
    }

    private ResultTable ComparisonTable()
    {
        var table = new ResultTable("Callers", "Grain calls/s", "Reference", "Reference calls/s", "Grain / reference", "Per-round range", "Target");
        foreach (var comparison in comparisons)
        {
            table.Add(
                Invariant($"{comparison.Grain.Callers}"),
                Invariant($"{comparison.Grain.MedianCallsPerSecond:N0}"),
                comparison.Channel.Name + (comparison.IsPrimary ? string.Empty : " (upper bound, not the target's reference)"),
                Invariant($"{comparison.Channel.MedianCallsPerSecond:N0}"),
                Percent(comparison.Ratio),
                $"{Percent(comparison.MinRoundRatio)} - {Percent(comparison.MaxRoundRatio)}",
                !comparison.IsPrimary ? "-" : comparison.MeetsTarget ? $">= {Percent(CaseComparison.Target)}: met" : $">= {Percent(CaseComparison.Target)}: MISSED");
        }

        return table;
    }

    private IEnumerable<string> Verdicts() => comparisons.Select(static c =>
    {
        var rounds = c.RoundsBelowTarget == 0
            ? Invariant($"every round at or above {Percent(CaseComparison.Target)}")
            : Invariant($"{c.RoundsBelowTarget} of {c.RoundCount} rounds below {Percent(CaseComparison.Target)}");
        var numbers = Invariant($"{c.Grain.MedianCallsPerSecond:N0} vs {c.Channel.MedianCallsPerSecond:N0} calls/s");
        if (!c.IsPrimary)
        {
            return Invariant($"{c.Grain.Callers} caller(s), for information: against the {c.Channel.Name} upper bound grain calls reach {Percent(c.Ratio)} ({numbers}; {rounds}); the target is not judged against this reference, but it would {(c.MeetsTarget ? "be met" : "be MISSED")}.");
        }

        return c.MeetsTarget
            ? Invariant($"{c.Grain.Callers} caller(s): target met on the median, grain calls reach {Percent(c.Ratio)} of the {c.Channel.Name} ({numbers}; {rounds}).")
            : Invariant($"{c.Grain.Callers} caller(s): target MISSED, grain calls reach only {Percent(c.Ratio)} of the {c.Channel.Name} ({numbers}; {rounds}).");
    });

    private static string Percent(double ratio) => Invariant($"{ratio * 100:0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
