using System.Globalization;
using System.Text;
using GameCluster.Bench.Hosting;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Gateway;

/// <summary>The results of the <c>sockets</c> scenario (one result per topology measured), as console tables and as a README section.</summary>
public sealed class SocketsReport(DateTimeOffset startedAt, string load, IReadOnlyList<SocketsResult> results)
{
    /// <summary>Bytes per socket the gateway may use.</summary>
    public const double TargetBytesPerSocket = 10 * 1024;

    /// <summary>The console form.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(Table().ToText()).AppendLine();
        foreach (var result in results)
        {
            text.Append(MemoryTable(result).ToText()).AppendLine();
            if (result.Silo is { } silo)
            {
                text.Append(SiloTable(result, silo).ToText()).AppendLine();
            }

            text.AppendLine(string.Join('\n', Verdicts(result))).AppendLine();
        }

        return text.ToString();
    }

    /// <summary>The README section.</summary>
    public string ToMarkdown(MachineInfo machine, string command)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var first = results[0];
        var text = new StringBuilder();
        ReportHeader.Append(text, "sockets", startedAt, machine, GatewayReport.SourceVersion(), $"`{command}` (as root: the bench raises its open-file limit, which the gateway and silo processes inherit, to {first.FileLimit} soft/hard with `setrlimit`)", load);
        foreach (var result in results)
        {
            text.AppendLine(result.Topology == SocketsTopology.Standalone
                ? Invariant(
                    $"- Standalone gateway (production topology): the gateway host `GameCluster.Gateway.dll` (Release, {HostGarbageCollector.Describe(GatewayProcess.StandaloneHostPath)}), a cluster client finding the silo through Redis, settings beyond the defaults: {Settings(result.Gateway.Settings)}; in front of one silo process, the silo host `GameCluster.Silo.dll` with the gateway disabled, settings: {Settings(result.Silo!.Settings)}; a private `redis-server` started by the bench. The players' push grains (and account and token grains) live in the silo, the sockets and sessions in the gateway process. Keepalive at its defaults: a ping every 15 s, dropped after 25 s without a pong.")
                : Invariant(
                    $"- Co-hosted gateway: the silo host co-hosting the gateway (`GameCluster.Silo.dll`, Release, {HostGarbageCollector.Describe(SiloProcess.HostPath)}), one process; settings beyond the defaults: {Settings(result.Gateway.Settings)}. Keepalive at its defaults: a ping every 15 s, dropped after 25 s without a pong."));
        }

        text.AppendLine(Invariant(
            $"- Clients (each topology in turn, the same way): {first.Wanted:N0} distinct guest players signed in over HTTP (one live socket per player is the rule), then one hand-rolled WebSocket each from the bench process (`IdleWebSocket`: raw `Socket` bound to one of {first.SourceAddresses.Count} loopback source addresses {first.SourceAddresses[0]}..{first.SourceAddresses[^1]}, upgrade with `?access_token=`, open once the `welcome` arrived, then only answering pings), {SocketsScenario.ConnectParallelism} connecting at once."));
        text.AppendLine("- Memory: the gateway process's `/proc/PID/status` (VmRSS, RssAnon) and `smaps_rollup` (Private_Clean + Private_Dirty); the managed heap through a startup hook the bench loads into the gateway (`DOTNET_STARTUP_HOOKS`, `Bench/Gateway/GatewayProbeHook.cs`: on a line on its stdin it runs three full blocking compacting collections and prints `GC.GetTotalMemory`). The silo behind the standalone gateway is read the same way at the same moments, for information. \"Before\" is after the sign-ins (their account and token grains stay active) and before the first socket; per-socket figures are the differences divided by the sockets opened. Kernel socket buffers are not in any process's RSS.");
        text.AppendLine();
        text.Append(Table().ToMarkdown()).AppendLine();
        foreach (var result in results)
        {
            text.Append(MemoryTable(result).ToMarkdown()).AppendLine();
            if (result.Silo is { } silo)
            {
                text.Append(SiloTable(result, silo).ToMarkdown()).AppendLine();
            }

            foreach (var verdict in Verdicts(result))
            {
                text.AppendLine($"- {verdict}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Title(SocketsTopology topology) => topology == SocketsTopology.Standalone ? "Standalone gateway" : "Co-hosted gateway";

    private static string Settings(IReadOnlyDictionary<string, string> settings) => string.Join(", ", settings.Select(static s => $"`{s.Key}={s.Value}`"));

    private ResultTable Table()
    {
        var table = new ResultTable(["Measure", .. results.Select(static r => Title(r.Topology))]);
        void Row(string name, Func<SocketsResult, string> cell) => table.Add([name, .. results.Select(cell)]);
        Row("Sockets opened / attempted / requested", static r => Invariant($"{r.Opened:N0} / {r.Wanted:N0} / {r.Requested:N0}"));
        Row("Guest sign-ins (64 in flight)", static r => Invariant($"{r.SignInTime.TotalSeconds:0.0} s ({r.Wanted / r.SignInTime.TotalSeconds:N0}/s)"));
        Row("Opening the sockets", static r => Invariant($"{r.ConnectTime.TotalSeconds:0.0} s ({r.Opened / r.ConnectTime.TotalSeconds:N0}/s)"));
        Row("Held idle after the last opened", static r => Invariant($"{r.Hold.TotalSeconds:0} s"));
        Row("Closed during the hold", static r => Invariant($"{r.ClosedDuringHold:N0}"));
        Row("Open at the end of the hold", static r => Invariant($"{r.OpenAtEnd:N0}"));
        Row("Sockets that answered at least one server ping", static r => Invariant($"{r.SocketsPinged:N0} ({r.Pongs:N0} pongs in all)"));
        Row("Gateway process CPU while idle (share of one core)", static r => Invariant($"{r.Gateway.IdleCpuShare * 100:0}%"));
        Row("Silo process CPU while idle (share of one core)", static r => r.Silo is { } silo ? Invariant($"{silo.IdleCpuShare * 100:0}%") : "(same process)");
        Row("Gateway process threads / file descriptors with all open", static r => Invariant($"{r.Gateway.After.Threads} / {r.Gateway.After.FileDescriptors:N0}"));
        Row("Silo process threads / file descriptors with all open", static r => r.Silo is { } silo ? Invariant($"{silo.After.Threads} / {silo.After.FileDescriptors:N0}") : "(same process)");
        Row("Bench (client side) RSS with all open", static r => SocketsScenario.Mib(r.BenchRss));
        Row("Kernel TCP (/proc/net/sockstat) before / with all open", static r => $"`{r.SockStat.Before}` / `{r.SockStat.After}`");
        return table;
    }

    private static ResultTable MemoryTable(SocketsResult result) => ProcessTable(
        result.Topology == SocketsTopology.Standalone ? "Standalone gateway process (GameCluster.Gateway.dll)" : "Co-hosted gateway process (GameCluster.Silo.dll)",
        result.Opened,
        result.Gateway);

    private static ResultTable SiloTable(SocketsResult result, SocketsProcessResult silo) =>
        ProcessTable("Silo process behind the standalone gateway (for information)", result.Opened, silo);

    private static ResultTable ProcessTable(string title, long opened, SocketsProcessResult process)
    {
        var table = new ResultTable(title, "Before sockets", "All open", "End of hold", "Per socket (all open)", "Per socket (end of hold)");
        void Row(string name, long before, long after, long end) => table.Add(
            name, SocketsScenario.Mib(before), SocketsScenario.Mib(after), SocketsScenario.Mib(end), PerSocket(after - before, opened), PerSocket(end - before, opened));
        var (before, after, end) = (process.Before, process.After, process.End);
        var (heapBefore, heapAfter, heapEnd) = (process.HeapBefore, process.HeapAfter, process.HeapEnd);
        Row("Resident (VmRSS)", before.Rss, after.Rss, end.Rss);
        Row("Resident anonymous (RssAnon)", before.RssAnon, after.RssAnon, end.RssAnon);
        Row("Private (smaps_rollup)", before.PrivateBytes, after.PrivateBytes, end.PrivateBytes);
        Row("Managed heap after full GC", heapBefore.HeapBytes, heapAfter.HeapBytes, heapEnd.HeapBytes);
        Row("GC committed after full GC", heapBefore.CommittedBytes, heapAfter.CommittedBytes, heapEnd.CommittedBytes);
        table.Add("Peak resident (VmHWM)", SocketsScenario.Mib(before.PeakRss), SocketsScenario.Mib(after.PeakRss), SocketsScenario.Mib(end.PeakRss), "-", "-");
        return table;
    }

    private static IEnumerable<string> Verdicts(SocketsResult result)
    {
        var who = result.Topology == SocketsTopology.Standalone ? "Standalone gateway process" : "Co-hosted gateway process";
        if (result.CapReason is not null)
        {
            yield return Invariant($"{who}: socket count target NOT measured: {result.Wanted:N0} sockets instead of {result.Requested:N0}, because {result.CapReason}. The per-socket figures above are from this smaller run.");
        }

        var held = result.Opened >= result.Wanted && result.OpenAtEnd == result.Opened && result.ClosedDuringHold == 0;
        yield return held
            ? Invariant($"{who}: held: all {result.Opened:N0} sockets stayed open for {result.Hold.TotalSeconds:0} s after the last one opened, {result.SocketsPinged:N0} of them answered server pings (none was dropped by the keepalive).")
            : Invariant($"{who}: NOT held: {result.Opened:N0} of {result.Wanted:N0} opened, {result.ClosedDuringHold:N0} closed during the hold, {result.OpenAtEnd:N0} open at the end.");
        var opened = Math.Max(1, result.Opened);
        var gateway = result.Gateway;
        var rss = (double)(gateway.End.Rss - gateway.Before.Rss) / opened;
        var rssAll = (double)(gateway.After.Rss - gateway.Before.Rss) / opened;
        var heap = (double)(gateway.HeapEnd.HeapBytes - gateway.HeapBefore.HeapBytes) / opened;
        var worst = Math.Max(rss, rssAll);
        yield return worst < TargetBytesPerSocket
            ? Invariant($"{who}: memory target met: {PerSocket(worst)} of resident memory per socket (the larger of all-open and end-of-hold), under {TargetBytesPerSocket / 1024:N0} KiB; managed heap {PerSocket(heap)} per socket.")
            : Invariant($"{who}: memory target MISSED: {PerSocket(worst)} of resident memory per socket (the larger of all-open and end-of-hold), target under {TargetBytesPerSocket / 1024:N0} KiB; managed heap {PerSocket(heap)} per socket.");
        if (result.Silo is { } silo)
        {
            yield return Invariant(
                $"Silo process behind it (not part of the target): {PerSocket((double)(Math.Max(silo.After.Rss, silo.End.Rss) - silo.Before.Rss) / opened)} resident, managed heap {PerSocket((double)(silo.HeapEnd.HeapBytes - silo.HeapBefore.HeapBytes) / opened)} per socket (the players' push grains and their sessions' state there).");
        }
    }

    private static string PerSocket(double bytes) => Invariant($"{bytes / 1024:N2} KiB");

    private static string PerSocket(long bytes, long opened) => PerSocket(opened == 0 ? double.NaN : (double)bytes / opened);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
