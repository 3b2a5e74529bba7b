using System.Globalization;
using System.Text;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.CrossSilo;

/// <summary>Where the cross-silo run placed things.</summary>
/// <param name="DriverKey">The driver grain's key (on silo A).</param>
/// <param name="Targets">Target grains on silo B.</param>
/// <param name="SiloAPort">Silo A's messaging port.</param>
/// <param name="SiloBPort">Silo B's messaging port.</param>
/// <param name="SiloGc">The GC the silo processes run with.</param>
public sealed record CrossSiloSetup(string DriverKey, int Targets, int SiloAPort, int SiloBPort, string SiloGc);

/// <summary>The results of the cross-silo scenario, as a console table and as a README section.</summary>
public sealed class CrossSiloReport(
    BenchOptions options,
    DateTimeOffset startedAt,
    string load,
    CrossSiloSetup setup,
    IReadOnlyList<LoadCaseResult> closed,
    IReadOnlyList<LoadComparison> comparisons,
    IReadOnlyList<LoadCaseResult> paced)
{
    /// <summary>The p99 latency the paced grain case must stay under.</summary>
    public static readonly TimeSpan LatencyTarget = TimeSpan.FromMilliseconds(5);

    /// <summary>The closed-loop cases.</summary>
    public IReadOnlyList<LoadCaseResult> Closed => closed;

    /// <summary>Grain cases against raw TCP.</summary>
    public IReadOnlyList<LoadComparison> Comparisons => comparisons;

    /// <summary>The paced cases.</summary>
    public IReadOnlyList<LoadCaseResult> Paced => paced;

    /// <summary>The console form.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(ClosedTable().ToText());
        if (comparisons.Count > 0)
        {
            text.AppendLine(ComparisonTable().ToText());
        }

        if (paced.Count > 0)
        {
            text.AppendLine(PacedTable().ToText());
        }

        text.AppendJoin('\n', Verdicts()).AppendLine();
        return text.ToString();
    }

    /// <summary>The README section.</summary>
    public string ToMarkdown(MachineInfo machine, string command)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var text = new StringBuilder();
        ReportHeader.Append(text, "cross-silo", startedAt, machine, MachineInfo.SourceVersion(), $"`{command}`", load);
        text.AppendLine(Invariant(
            $"- Processes: redis-server (private, no persistence); silo A with the driver grain `{setup.DriverKey}` and silo B with {setup.Targets:N0} `EchoTargetGrain`s (both `GameCluster.Silo.dll`, Release, Redis clustering, memory storage, {setup.SiloGc}); the raw TCP echo server (`GameCluster.Bench.dll tcp-echo-server`); the bench (cluster client and TCP caller, {machine.GarbageCollector}). All on 127.0.0.1."));
        text.AppendLine(Invariant(
            $"- Settings: {options.Warmup.TotalSeconds:0.#} s warmup per case, then {options.Rounds} rounds of {options.RoundLength.TotalSeconds:0.#} s; every round runs every closed-loop case once (order reversed every other round); calls/s are medians over rounds, latencies are over every call of every round. Paced cases: {options.PacedRounds} rounds each, alternating, after the closed-loop rounds. Alloc B/call: exact counts inside no-GC regions in the caller and callee processes over a 10 ms and a 30 ms run after the rounds, the difference over the difference in calls (the echo server is not counted). CPU, GC counts and pauses: per process, caller + callee."));
        text.AppendLine();
        text.Append(ClosedTable().ToMarkdown()).AppendLine();
        if (comparisons.Count > 0)
        {
            text.Append(ComparisonTable().ToMarkdown()).AppendLine();
        }

        if (paced.Count > 0)
        {
            text.Append(PacedTable().ToMarkdown()).AppendLine();
        }

        foreach (var verdict in Verdicts())
        {
            text.AppendLine($"- {verdict}");
        }

        return text.ToString();
    }

    /// <summary>A latency in microseconds, or in milliseconds from 1 ms up.</summary>
    public static string Micros(double microseconds) => double.IsNaN(microseconds)
        ? "n/a"
        : microseconds >= 1000 ? Invariant($"{microseconds / 1000:N2} ms") : Invariant($"{microseconds:N0} µs");

    private ResultTable ClosedTable()
    {
        var table = new ResultTable("Case", "In flight", "Median calls/s", "Min calls/s", "Max calls/s", "p50", "p99", "Caller CPU µs/call", "Callee CPU µs/call", "Alloc B/call", "Gen0 GCs/round", "GC pause ms/round", "Machine busy");
        foreach (var result in closed)
        {
            var latency = result.Latency;
            table.Add(
                result.Case.Name,
                Invariant($"{result.Case.InFlight}"),
                Invariant($"{result.MedianCallsPerSecond:N0}"),
                Invariant($"{result.MinCallsPerSecond:N0}"),
                Invariant($"{result.MaxCallsPerSecond:N0}"),
                Micros(latency.PercentileMicroseconds(0.50)),
                Micros(latency.PercentileMicroseconds(0.99)),
                Invariant($"{result.MedianCallerCpuMicrosecondsPerCall:N1}"),
                Invariant($"{result.MedianCalleeCpuMicrosecondsPerCall:N1}"),
                Pair(result.CallerBytesPerCall ?? double.NaN, result.CalleeBytesPerCall ?? double.NaN, "N0"),
                Pair(result.MedianCallerGen0, result.MedianCalleeGen0, "N0"),
                Pair(result.MedianCallerPauseMilliseconds, result.MedianCalleePauseMilliseconds, "N0"),
                Percent(result.MedianMachineBusy));
        }

        return table;
    }

    private ResultTable ComparisonTable()
    {
        var table = new ResultTable("In flight", "Grain calls/s", "Raw TCP calls/s", "Grain / TCP", "Per-round range", "Target");
        foreach (var comparison in comparisons)
        {
            table.Add(
                Invariant($"{comparison.Grain.Case.InFlight}"),
                Invariant($"{comparison.Grain.MedianCallsPerSecond:N0}"),
                Invariant($"{comparison.Tcp.MedianCallsPerSecond:N0}"),
                Percent(comparison.Ratio),
                $"{Percent(comparison.MinRoundRatio)} - {Percent(comparison.MaxRoundRatio)}",
                comparison.MeetsTarget ? $">= {Percent(LoadComparison.Target)}: met" : $">= {Percent(LoadComparison.Target)}: MISSED");
        }

        return table;
    }

    private ResultTable PacedTable()
    {
        var table = new ResultTable("Case", "Offered calls/s", "Achieved calls/s", "p50 from due", "p99 from due", "p50 from start", "p99 from start", "Max from due", "Per-round p99 from due", "Pacing lag p50 / p99", "Skipped", "Caller CPU µs/call", "Callee CPU µs/call", "GC pause ms/round");
        foreach (var result in paced)
        {
            var due = result.ScheduleLatency;
            var start = result.Latency;
            var roundP99 = result.Rounds.Select(static r => r.Load.ScheduleLatency.PercentileMicroseconds(0.99)).ToList();
            table.Add(
                result.Case.Name,
                Invariant($"{result.OfferedRate:N0}"),
                Invariant($"{result.MedianCallsPerSecond:N0}"),
                Micros(due.PercentileMicroseconds(0.50)),
                Micros(due.PercentileMicroseconds(0.99)),
                Micros(start.PercentileMicroseconds(0.50)),
                Micros(start.PercentileMicroseconds(0.99)),
                Micros(due.MaxMicroseconds),
                roundP99.Count == 0 ? "n/a" : $"{Micros(roundP99.Min())} - {Micros(roundP99.Max())}",
                $"{Micros(result.PacingLag.PercentileMicroseconds(0.50))} / {Micros(result.PacingLag.PercentileMicroseconds(0.99))}",
                Invariant($"{result.Skipped:N0}"),
                Invariant($"{result.MedianCallerCpuMicrosecondsPerCall:N1}"),
                Invariant($"{result.MedianCalleeCpuMicrosecondsPerCall:N1}"),
                Pair(result.MedianCallerPauseMilliseconds, result.MedianCalleePauseMilliseconds, "N0"));
        }

        return table;
    }

    private IEnumerable<string> Verdicts()
    {
        foreach (var c in comparisons)
        {
            var rounds = c.RoundsBelowTarget == 0
                ? Invariant($"every round at or above {Percent(LoadComparison.Target)}")
                : Invariant($"{c.RoundsBelowTarget} of {c.RoundCount} rounds below {Percent(LoadComparison.Target)}");
            var numbers = Invariant($"{c.Grain.MedianCallsPerSecond:N0} vs {c.Tcp.MedianCallsPerSecond:N0} calls/s");
            yield return c.MeetsTarget
                ? Invariant($"{c.Grain.Case.InFlight} in flight: target met on the median, cross-silo grain calls reach {Percent(c.Ratio)} of raw TCP ({numbers}; {rounds}).")
                : Invariant($"{c.Grain.Case.InFlight} in flight: target MISSED, cross-silo grain calls reach only {Percent(c.Ratio)} of raw TCP ({numbers}; {rounds}).");
        }

        foreach (var result in paced.Where(static r => r.Case.Kind == "grain"))
        {
            var p99 = result.ScheduleLatency.PercentileMicroseconds(0.99);
            var fromStart = result.Latency.PercentileMicroseconds(0.99);
            var met = p99 < LatencyTarget.TotalMicroseconds && result.Skipped == 0;
            var skipped = result.Skipped == 0
                ? "no due call skipped"
                : Invariant($"{result.Skipped:N0} due calls skipped because {result.Case.InFlight:N0} were in flight (a stall; counted as a miss)");
            yield return Invariant(
                $"Paced at {result.OfferedRate:N0} calls/s: {(met ? "target met" : "target MISSED")}, p99 {Micros(p99)} from the moment each call was due (p99 {Micros(fromStart)} from its start), target under {Micros(LatencyTarget.TotalMicroseconds)}; {skipped}.");
        }

        foreach (var result in paced.Where(static r => r.Case.Kind == "tcp"))
        {
            yield return Invariant(
                $"For comparison, raw TCP paced the same way: p99 {Micros(result.ScheduleLatency.PercentileMicroseconds(0.99))} from due, {Micros(result.Latency.PercentileMicroseconds(0.99))} from start; {result.Skipped:N0} skipped.");
        }
    }

    /// <summary>"caller + callee", with "-" for a value that was not measured.</summary>
    private static string Pair(double caller, double callee, string format) =>
        $"{(double.IsNaN(caller) ? "-" : caller.ToString(format, CultureInfo.InvariantCulture))} + {(double.IsNaN(callee) ? "-" : callee.ToString(format, CultureInfo.InvariantCulture))}";

    private static string Percent(double ratio) => double.IsNaN(ratio) ? "n/a" : Invariant($"{ratio * 100:0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
