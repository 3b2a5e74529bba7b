using System.Globalization;
using System.Text;
using GameCluster.Bench.Hosting;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Gateway;

/// <summary>The results of the <c>gateway</c> scenario, as a console table and as a README section.</summary>
public sealed class GatewayReport(
    BenchOptions options,
    DateTimeOffset startedAt,
    string load,
    int sockets,
    IReadOnlyList<GatewayCaseResult> closed,
    IReadOnlyList<GatewayCaseResult> paced,
    string socketReply,
    string plainReply)
{
    /// <summary>Gateway RPC throughput must reach this share of the plain endpoint's.</summary>
    public const double ThroughputTarget = 0.30;

    /// <summary>The p99 latency the paced gateway case must stay under.</summary>
    public static readonly TimeSpan LatencyTarget = TimeSpan.FromMilliseconds(10);

    /// <summary>The console form.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(ClosedTable().ToText());
        if (Comparison() is not null)
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
        ReportHeader.Append(text, "gateway", startedAt, machine, SourceVersion(), $"`{command}`", load);
        text.AppendLine(Invariant(
            $"- Processes: the silo host co-hosting the gateway (`GameCluster.Silo.dll`, Release, {HostGarbageCollector.Describe(SiloProcess.HostPath)}, memory storage, logging at Warning, socket and sign-in rate limits raised); the plain endpoint (`GameCluster.Bench.dll plain-http-server`, a default `WebApplication` with one minimal-API `MapGet`, the bench's executable and GC); the bench (load loops and both clients, {machine.GarbageCollector}). All on 127.0.0.1."));
        text.AppendLine(Invariant(
            $"- Load: {sockets} guest players signed in over HTTP, one raw `ClientWebSocket` each (`?access_token=`), requests `{{\"cid\":\"SLOT.N\",\"type\":\"{GatewayScenario.RequestType}\"}}` matched to replies by `cid`; against `HttpClient` (`SocketsHttpHandler`, at most {sockets} HTTP/1.1 keep-alive connections) calling `GET /plain`. Closed loop: {sockets} in flight on each side, one per socket / connection. Both through `CallLoad` (the cross-silo scenario's load loops)."));
        text.AppendLine(Invariant(
            $"- Settings: {options.Warmup.TotalSeconds:0.#} s warmup per case, then {options.Rounds} rounds of {options.RoundLength.TotalSeconds:0.#} s, order reversed every other round; calls/s are medians over rounds, latencies over every call of every round. Paced: {options.PacedRounds} rounds each, open loop, latency from each call's due time. CPU per call: the bench process (client side) and the answering server process."));
        text.AppendLine($"- A socket reply: `{socketReply}`; a plain reply: `{plainReply}`");
        text.AppendLine();
        text.Append(ClosedTable().ToMarkdown()).AppendLine();
        if (Comparison() is not null)
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

    /// <summary>The commit, and whether the server code (Gateway, Runtime, Grains, Silo) differs from it.</summary>
    public static string SourceVersion()
    {
        var version = MachineInfo.SourceVersion();
        var commit = version.Split(' ').ElementAtOrDefault(1) ?? "unknown";
        try
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", "status --porcelain -- :/Gateway :/Runtime :/Grains :/Grains.Interfaces :/Silo")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            var changes = git?.StandardOutput.ReadToEnd();
            git?.WaitForExit();
            return string.IsNullOrWhiteSpace(changes)
                ? $"commit {commit} (Gateway, Runtime, Grains and Silo as committed)"
                : $"commit {commit} with uncommitted changes under Gateway, Runtime, Grains or Silo";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return version;
        }
    }

    private (GatewayCaseResult Socket, GatewayCaseResult Plain)? Comparison()
    {
        var socket = closed.FirstOrDefault(static r => r.Case.Id == "ws-n");
        var plain = closed.FirstOrDefault(static r => r.Case.Id == "http-n");
        return socket is null || plain is null ? null : (socket, plain);
    }

    private ResultTable ClosedTable()
    {
        var table = new ResultTable("Case", "In flight", "Median calls/s", "Min calls/s", "Max calls/s", "p50", "p99", "Bench CPU µs/call", "Server CPU µs/call", "Machine busy");
        foreach (var result in closed)
        {
            var latency = result.Latency;
            table.Add(
                result.Case.Description,
                Invariant($"{result.Case.InFlight}"),
                Invariant($"{result.MedianCallsPerSecond:N0}"),
                Invariant($"{result.MinCallsPerSecond:N0}"),
                Invariant($"{result.MaxCallsPerSecond:N0}"),
                Micros(latency.PercentileMicroseconds(0.50)),
                Micros(latency.PercentileMicroseconds(0.99)),
                Invariant($"{result.MedianClientCpu:N1}"),
                Invariant($"{result.MedianServerCpu:N1}"),
                Percent(result.MedianMachineBusy));
        }

        return table;
    }

    private ResultTable ComparisonTable()
    {
        var (socket, plain) = Comparison()!.Value;
        var ratios = socket.Rounds.Zip(plain.Rounds, static (s, p) => s.CallsPerSecond / p.CallsPerSecond).ToList();
        var ratio = socket.MedianCallsPerSecond / plain.MedianCallsPerSecond;
        var table = new ResultTable("In flight", "Gateway RPC calls/s", "Plain endpoint calls/s", "Gateway / plain", "Per-round range", "Server CPU per call, gateway / plain", "Target");
        table.Add(
            Invariant($"{socket.Case.InFlight}"),
            Invariant($"{socket.MedianCallsPerSecond:N0}"),
            Invariant($"{plain.MedianCallsPerSecond:N0}"),
            Percent(ratio),
            $"{Percent(ratios.Min())} - {Percent(ratios.Max())}",
            Invariant($"{socket.MedianServerCpu:N1} / {plain.MedianServerCpu:N1} µs"),
            ratio >= ThroughputTarget ? $">= {Percent(ThroughputTarget)}: met" : $">= {Percent(ThroughputTarget)}: MISSED");
        return table;
    }

    private ResultTable PacedTable()
    {
        var table = new ResultTable("Case", "Offered calls/s", "Achieved calls/s", "p50 from due", "p99 from due", "p99 from start", "Max from due", "Per-round p99 from due", "Pacing lag p99", "Skipped", "Bench CPU µs/call", "Server CPU µs/call", "Machine busy");
        foreach (var result in paced)
        {
            var due = result.ScheduleLatency;
            var roundP99 = result.Rounds.Select(static r => r.Load.ScheduleLatency.PercentileMicroseconds(0.99)).ToList();
            table.Add(
                result.Case.Description,
                Invariant($"{result.OfferedRate:N0}"),
                Invariant($"{result.MedianCallsPerSecond:N0}"),
                Micros(due.PercentileMicroseconds(0.50)),
                Micros(due.PercentileMicroseconds(0.99)),
                Micros(result.Latency.PercentileMicroseconds(0.99)),
                Micros(due.MaxMicroseconds),
                roundP99.Count == 0 ? "n/a" : $"{Micros(roundP99.Min())} - {Micros(roundP99.Max())}",
                Micros(result.PacingLag.PercentileMicroseconds(0.99)),
                Invariant($"{result.Skipped:N0}"),
                Invariant($"{result.MedianClientCpu:N1}"),
                Invariant($"{result.MedianServerCpu:N1}"),
                Percent(result.MedianMachineBusy));
        }

        return table;
    }

    private IEnumerable<string> Verdicts()
    {
        if (Comparison() is var (socket, plain))
        {
            var ratio = socket.MedianCallsPerSecond / plain.MedianCallsPerSecond;
            var below = socket.Rounds.Zip(plain.Rounds, static (s, p) => s.CallsPerSecond / p.CallsPerSecond).Count(static r => r < ThroughputTarget);
            var rounds = below == 0 ? $"every round at or above {Percent(ThroughputTarget)}" : Invariant($"{below} of {socket.Rounds.Count} rounds below {Percent(ThroughputTarget)}");
            var numbers = Invariant($"{socket.MedianCallsPerSecond:N0} vs {plain.MedianCallsPerSecond:N0} calls/s, {socket.Case.InFlight} in flight");
            yield return ratio >= ThroughputTarget
                ? $"Throughput target met on the median: gateway socket RPCs to a player grain reach {Percent(ratio)} of the plain Kestrel endpoint ({numbers}; {rounds})."
                : $"Throughput target MISSED: gateway socket RPCs reach only {Percent(ratio)} of the plain Kestrel endpoint ({numbers}; {rounds}).";
        }

        foreach (var result in paced.Where(static r => r.Case.Id == "ws-paced"))
        {
            var p99 = result.ScheduleLatency.PercentileMicroseconds(0.99);
            var met = p99 < LatencyTarget.TotalMicroseconds && result.Skipped == 0;
            yield return Invariant(
                $"Paced at {result.OfferedRate:N0} calls/s: {(met ? "latency target met" : "latency target MISSED")}, gateway RPC p50 {Micros(result.ScheduleLatency.PercentileMicroseconds(0.5))}, p99 {Micros(p99)} from the moment each call was due (p99 {Micros(result.Latency.PercentileMicroseconds(0.99))} from its start), target under {Micros(LatencyTarget.TotalMicroseconds)}; {result.Skipped:N0} due calls skipped.");
        }

        foreach (var result in paced.Where(static r => r.Case.Id == "http-paced"))
        {
            yield return Invariant(
                $"For comparison, the plain endpoint paced the same way: p50 {Micros(result.ScheduleLatency.PercentileMicroseconds(0.5))}, p99 {Micros(result.ScheduleLatency.PercentileMicroseconds(0.99))} from due; {result.Skipped:N0} skipped.");
        }
    }

    private static string Percent(double ratio) => double.IsNaN(ratio) ? "n/a" : Invariant($"{ratio * 100:0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
