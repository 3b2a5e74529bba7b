using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Gateway;

/// <summary>Runs the <c>gateway</c> scenario from the command: prints its tables and rewrites its README section.</summary>
public static class GatewayBench
{
    /// <summary>Runs it.</summary>
    public static async Task RunAsync(BenchOptions options, MachineInfo machine, string command, string? readme, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine("\n== gateway: socket RPCs to a player grain through the gateway vs. a plain Kestrel JSON endpoint ==");
        var report = await GatewayScenario.RunAsync(options, Console.Out, cancellationToken);
        Console.WriteLine();
        Console.WriteLine(report.ToText());
        if (readme is not null)
        {
            ReadmeUpdater.ReplaceSection(readme, "gateway", report.ToMarkdown(machine, command));
        }
    }
}

/// <summary>Runs the <c>sockets</c> scenario from the command: prints its tables and rewrites its README section.</summary>
public static class SocketsBench
{
    /// <summary>Runs it.</summary>
    public static async Task RunAsync(BenchOptions options, MachineInfo machine, string command, string? readme, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine($"\n== sockets: {options.Sockets:N0} idle authenticated sockets on one gateway process ({options.Topology}) ==");
        var startedAt = DateTimeOffset.UtcNow;
        var load = MachineInfo.LoadAverage();
        var results = await SocketsScenario.RunAsync(options, Console.Out, cancellationToken);
        var report = new SocketsReport(startedAt, $"{load} at start, {MachineInfo.LoadAverage()} at end", results);
        Console.WriteLine();
        Console.WriteLine(report.ToText());
        if (readme is not null)
        {
            ReadmeUpdater.ReplaceSection(readme, "sockets", report.ToMarkdown(machine, command));
        }
    }
}
