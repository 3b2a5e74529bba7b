using GameCluster.Bench.Calls;
using GameCluster.Bench.Memory;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench;

/// <summary>Parses the command line, runs the chosen scenarios, prints the results and writes them into the README.</summary>
public static class BenchCommand
{
    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        var machine = MachineInfo.Collect();
        var command = $"dotnet run -c Release --project Bench -- {string.Join(' ', args)}";
        // A run of selected cases (profiling) never overwrites the README's full results.
        var readme = options.NoReadme || options.Cases.Count > 0 ? null : options.ReadmePath ?? ReadmeUpdater.Find();
        Console.WriteLine($"Machine: {machine.Describe()}");
        Console.WriteLine($"Command: {command}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; measure with -c Release.");
#endif

        if (options.Scenarios.HasFlag(BenchScenario.Calls))
        {
            Console.WriteLine("\n== calls: local grain calls vs. raw channel hop ==");
            var report = await CallsScenario.RunAsync(options, Console.Out);
            Console.WriteLine();
            Console.WriteLine(report.ToText());
            if (readme is not null)
            {
                ReadmeUpdater.ReplaceSection(readme, "calls", report.ToMarkdown(machine, command));
            }
        }

        if (options.Scenarios.HasFlag(BenchScenario.Memory))
        {
            Console.WriteLine($"\n== memory: {options.Count:N0} PlayerGrain activations ==");
            var startedAt = DateTimeOffset.UtcNow;
            var result = await MemoryScenario.RunAsync(options, Console.Out);
            var report = new MemoryReport(startedAt, result);
            Console.WriteLine();
            Console.WriteLine(report.ToText());
            if (readme is not null)
            {
                ReadmeUpdater.ReplaceSection(readme, "memory", report.ToMarkdown(machine, command));
            }
        }

        Console.WriteLine(readme is null ? "README not updated." : $"Results written to {readme}");
        return 0;
    }
}
