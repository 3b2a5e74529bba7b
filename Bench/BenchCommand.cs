using System.Globalization;
using System.Runtime.InteropServices;
using GameCluster.Bench.Calls;
using GameCluster.Bench.CrossSilo;
using GameCluster.Bench.Gateway;
using GameCluster.Bench.Hosting;
using GameCluster.Bench.Memory;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench;

/// <summary>Parses the command line, runs the chosen scenarios, prints the results and writes them into the README.</summary>
public static class BenchCommand
{
    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "tcp-echo-server")
        {
            return args.Length == 2 && int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
                ? await TcpEchoServer.RunAsync(port)
                : 2;
        }

        if (args.Length == 2 && args[0] == "plain-http-server")
        {
            return int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var plainPort) && plainPort is >= 0 and <= 65535 ? await PlainHttpServer.RunAsync(plainPort) : 2;
        }

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

        // Ctrl+C, SIGTERM and SIGHUP end a run with child processes (silos, redis-server, echo server) through its
        // cancellation token, so that they are killed on the way out; without children, or on a second signal, the
        // children (if any) are killed and the bench exits at once.
        using var interrupted = new CancellationTokenSource();
        void Interrupt()
        {
            if (interrupted.IsCancellationRequested || !ChildProcess.AnyRunning)
            {
                ChildProcess.KillAll();
                Environment.Exit(130);
            }

            Console.Error.WriteLine("Interrupted: stopping the child processes...");
            interrupted.Cancel();
        }

        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Interrupt();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Interrupt();
        });
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            Interrupt();
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
        try
        {
            await RunScenariosAsync(options, machine, command, readme, interrupted.Token);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Interrupted; README not updated.");
            return 130;
        }
        finally
        {
            ChildProcess.KillAll();
        }

        Console.WriteLine(readme is null ? "README not updated." : $"Results written to {readme}");
        return 0;
    }

    private static async Task RunScenariosAsync(BenchOptions options, MachineInfo machine, string command, string? readme, CancellationToken cancellationToken)
    {
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

        if (options.Scenarios.HasFlag(BenchScenario.CrossSilo))
        {
            Console.WriteLine("\n== cross-silo: grain calls between two silo processes vs. raw TCP between two processes ==");
            var report = await CrossSiloScenario.RunAsync(options, Console.Out, cancellationToken);
            Console.WriteLine();
            Console.WriteLine(report.ToText());
            if (readme is not null)
            {
                ReadmeUpdater.ReplaceSection(readme, "cross-silo", report.ToMarkdown(machine, command));
            }
        }

        if (options.Scenarios.HasFlag(BenchScenario.Gateway))
        {
            await GatewayBench.RunAsync(options, machine, command, readme, cancellationToken);
        }

        if (options.Scenarios.HasFlag(BenchScenario.Sockets))
        {
            await SocketsBench.RunAsync(options, machine, command, readme, cancellationToken);
        }
    }
}
