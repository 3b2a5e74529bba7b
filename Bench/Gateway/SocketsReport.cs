using System.Globalization;
using System.Text;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Gateway;

/// <summary>The results of the <c>sockets</c> scenario, as a console table and as a README section.</summary>
public sealed class SocketsReport(DateTimeOffset startedAt, string load, SocketsResult result)
{
    /// <summary>Bytes per socket the gateway may use.</summary>
    public const double TargetBytesPerSocket = 10 * 1024;

    /// <summary>The console form.</summary>
    public string ToText() => $"{Table().ToText()}\n{Table2().ToText()}\n{string.Join('\n', Verdicts())}\n";

    /// <summary>The README section.</summary>
    public string ToMarkdown(MachineInfo machine, string command)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var text = new StringBuilder();
        ReportHeader.Append(text, "sockets", startedAt, machine, GatewayReport.SourceVersion(), $"`{command}` (as root: the bench raises its open-file limit, which the gateway inherits, to {result.FileLimit} soft/hard with `setrlimit`)", load);
        text.AppendLine(Invariant(
            $"- Gateway: the silo host co-hosting the gateway (`GameCluster.Silo.dll`, Release, Server GC as its runtimeconfig says), one process; settings beyond the defaults: {string.Join(", ", result.Settings.Select(static s => $"`{s.Key}={s.Value}`"))}. Keepalive at its defaults: a ping every 15 s, dropped after 25 s without a pong."));
        text.AppendLine(Invariant(
            $"- Clients: {result.Wanted:N0} distinct guest players signed in over HTTP (one live socket per player is the rule), then one hand-rolled WebSocket each from the bench process (`IdleWebSocket`: raw `Socket` bound to one of {result.SourceAddresses.Count} loopback source addresses {result.SourceAddresses[0]}..{result.SourceAddresses[^1]}, upgrade with `?access_token=`, open once the `welcome` arrived, then only answering pings), {SocketsScenario.ConnectParallelism} connecting at once."));
        text.AppendLine("- Memory: the gateway's `/proc/PID/status` (VmRSS, RssAnon) and `smaps_rollup` (Private_Clean + Private_Dirty); the managed heap through a startup hook the bench loads into the gateway (`DOTNET_STARTUP_HOOKS`, `Bench/Gateway/GatewayProbeHook.cs`: on a line on its stdin it runs three full blocking compacting collections and prints `GC.GetTotalMemory`). \"Before\" is after the sign-ins (their account and token grains stay active) and before the first socket; per-socket figures are the differences divided by the sockets opened. Kernel socket buffers are not in any process's RSS.");
        text.AppendLine();
        text.Append(Table().ToMarkdown()).AppendLine();
        text.Append(Table2().ToMarkdown()).AppendLine();
        foreach (var verdict in Verdicts())
        {
            text.AppendLine($"- {verdict}");
        }

        return text.ToString();
    }

    private ResultTable Table()
    {
        var table = new ResultTable("Measure", "Value");
        table.Add("Sockets opened / attempted / requested", Invariant($"{result.Opened:N0} / {result.Wanted:N0} / {result.Requested:N0}"));
        table.Add("Guest sign-ins (64 in flight)", Invariant($"{result.SignInTime.TotalSeconds:0.0} s ({result.Wanted / result.SignInTime.TotalSeconds:N0}/s)"));
        table.Add("Opening the sockets", Invariant($"{result.ConnectTime.TotalSeconds:0.0} s ({result.Opened / result.ConnectTime.TotalSeconds:N0}/s)"));
        table.Add("Held idle after the last opened", Invariant($"{result.Hold.TotalSeconds:0} s"));
        table.Add("Closed during the hold", Invariant($"{result.ClosedDuringHold:N0}"));
        table.Add("Open at the end of the hold", Invariant($"{result.OpenAtEnd:N0}"));
        table.Add("Sockets that answered at least one server ping", Invariant($"{result.SocketsPinged:N0} ({result.Pongs:N0} pongs in all)"));
        table.Add("Gateway CPU while idle (share of one core)", Invariant($"{result.IdleCpuShare * 100:0}%"));
        table.Add("Gateway threads / file descriptors with all open", Invariant($"{result.After.Threads} / {result.After.FileDescriptors:N0}"));
        table.Add("Bench (client side) RSS with all open", SocketsScenario.Mib(result.BenchRss));
        table.Add("Kernel TCP (/proc/net/sockstat) before / with all open", $"`{result.SockStat.Before}` / `{result.SockStat.After}`");
        return table;
    }

    private ResultTable Table2()
    {
        var table = new ResultTable("Gateway process", "Before sockets", "All open", "End of hold", "Per socket (all open)", "Per socket (end of hold)");
        void Row(string name, long before, long after, long end) => table.Add(
            name, SocketsScenario.Mib(before), SocketsScenario.Mib(after), SocketsScenario.Mib(end), PerSocket(after - before), PerSocket(end - before));
        Row("Resident (VmRSS)", result.Before.Rss, result.After.Rss, result.End.Rss);
        Row("Resident anonymous (RssAnon)", result.Before.RssAnon, result.After.RssAnon, result.End.RssAnon);
        Row("Private (smaps_rollup)", result.Before.PrivateBytes, result.After.PrivateBytes, result.End.PrivateBytes);
        Row("Managed heap after full GC", result.HeapBefore.HeapBytes, result.HeapAfter.HeapBytes, result.HeapEnd.HeapBytes);
        Row("GC committed after full GC", result.HeapBefore.CommittedBytes, result.HeapAfter.CommittedBytes, result.HeapEnd.CommittedBytes);
        table.Add("Peak resident (VmHWM)", SocketsScenario.Mib(result.Before.PeakRss), SocketsScenario.Mib(result.After.PeakRss), SocketsScenario.Mib(result.End.PeakRss), "-", "-");
        return table;
    }

    private IEnumerable<string> Verdicts()
    {
        if (result.CapReason is not null)
        {
            yield return Invariant($"Socket count target NOT measured: {result.Wanted:N0} sockets instead of {result.Requested:N0}, because {result.CapReason}. The per-socket figures below are from this smaller run.");
        }

        var held = result.Opened >= result.Wanted && result.OpenAtEnd == result.Opened && result.ClosedDuringHold == 0;
        yield return held
            ? Invariant($"Held: all {result.Opened:N0} sockets stayed open for {result.Hold.TotalSeconds:0} s after the last one opened, {result.SocketsPinged:N0} of them answered server pings (none was dropped by the keepalive).")
            : Invariant($"NOT held: {result.Opened:N0} of {result.Wanted:N0} opened, {result.ClosedDuringHold:N0} closed during the hold, {result.OpenAtEnd:N0} open at the end.");
        var rss = (double)(result.End.Rss - result.Before.Rss) / Math.Max(1, result.Opened);
        var rssAll = (double)(result.After.Rss - result.Before.Rss) / Math.Max(1, result.Opened);
        var heap = (double)(result.HeapEnd.HeapBytes - result.HeapBefore.HeapBytes) / Math.Max(1, result.Opened);
        var worst = Math.Max(rss, rssAll);
        yield return worst < TargetBytesPerSocket
            ? Invariant($"Memory target met: {PerSocket(worst)} of resident memory per socket (the larger of all-open and end-of-hold), under {TargetBytesPerSocket / 1024:N0} KiB; managed heap {PerSocket(heap)} per socket.")
            : Invariant($"Memory target MISSED: {PerSocket(worst)} of resident memory per socket (the larger of all-open and end-of-hold), target under {TargetBytesPerSocket / 1024:N0} KiB; managed heap {PerSocket(heap)} per socket.");
    }

    private string PerSocket(double bytes) => Invariant($"{bytes / 1024:N2} KiB");

    private string PerSocket(long bytes) => PerSocket(result.Opened == 0 ? double.NaN : (double)bytes / result.Opened);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
