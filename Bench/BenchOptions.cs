using System.Globalization;
using GameCluster.Bench.Gateway;

namespace GameCluster.Bench;

/// <summary>Command-line settings of a benchmark run.</summary>
public sealed class BenchOptions
{
    /// <summary>The help text.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project Bench -- <calls|memory|cross-silo|all> [options]
               dotnet run -c Release --project Bench -- tcp-echo-server PORT
               dotnet run -c Release --project Bench -- <gateway|sockets> [options]

          calls       local grain calls vs. a raw System.Threading.Channels request/response hop, same process
          memory      activate --count PlayerGrain activations in one silo and measure the heap
          cross-silo  grain calls between two silo processes vs. raw TCP request/response between two processes,
                      then latency at half of the grain peak (starts redis-server, two silos and an echo server)
          all         every scenario, in that order
          gateway     socket RPCs to a player grain through the gateway vs. a plain Kestrel JSON endpoint
          sockets     --sockets idle authenticated sockets on one gateway process, memory per socket: the silo host
                      co-hosting the gateway, and a standalone gateway process in front of a silo (--topology)
          tcp-echo-server PORT
                      the raw TCP reference's echo server (0: any port; it prints the port), stops when stdin closes

        options:
          --rounds N        timed rounds per case (calls; default 5)
          --seconds S       length of a timed round in seconds (calls; default 3)
          --warmup S        warmup per case in seconds before the first round (calls; default 2)
          --callers N       concurrent callers of the concurrent cases (calls), of activation (memory), and calls in
                            flight of the concurrent cross-silo cases; default 64
          --grains N        grains / channel targets of the concurrent cases (calls; default 10000)
          --count N         activations (memory; default 1000000)
          --targets N       target grains on silo B (cross-silo; default 1000)
          --rate N          calls/s of the paced cross-silo cases (default: half of the grain-n median)
          --paced-rounds N  timed rounds of each paced cross-silo case (default 3)
          --case ID[,ID]    run only these cases and leave the README alone (for profiling). calls: channel-1, grain-1,
                            channel-n, pool-n, grain-n. cross-silo: tcp-1, grain-1, tcp-n, grain-n, grain-paced,
                            tcp-paced, and grain-n-pool (driver workers on the thread pool; only when named)
          --sockets N       idle sockets to hold (sockets; default 100000)
          --hold S          seconds to hold them open (sockets; default 35, more than one 15 s keepalive period)
          --topology T      sockets: cohosted (the silo host co-hosting the gateway), standalone (GameCluster.Gateway.dll
                            as a cluster client in front of one silo process, Redis clustering), or both (default)
          --readme PATH     markdown file whose result sections are rewritten (default: Bench/README.md found from the current directory)
          --no-readme       print only, do not touch the README
        """;

    /// <summary>The scenarios to run.</summary>
    public BenchScenario Scenarios { get; private set; }

    /// <summary>Timed rounds per case.</summary>
    public int Rounds { get; private set; } = 5;

    /// <summary>Length of a timed round.</summary>
    public TimeSpan RoundLength { get; private set; } = TimeSpan.FromSeconds(3);

    /// <summary>Warmup per case before the first round.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);

    /// <summary>Concurrent callers.</summary>
    public int Callers { get; private set; } = 64;

    /// <summary>Grains (and channel targets) of the concurrent call cases.</summary>
    public int Grains { get; private set; } = 10_000;

    /// <summary>Activations of the memory scenario.</summary>
    public int Count { get; private set; } = 1_000_000;

    /// <summary>Target grains on silo B in the cross-silo scenario.</summary>
    public int Targets { get; private set; } = 1_000;

    /// <summary>Calls per second of the paced cross-silo cases, or <see langword="null"/> for half of the measured grain peak.</summary>
    public double? Rate { get; private set; }

    /// <summary>Timed rounds of each paced cross-silo case.</summary>
    public int PacedRounds { get; private set; } = 3;

    /// <summary>Idle sockets of the sockets scenario.</summary>
    public int Sockets { get; private set; } = 100_000;

    /// <summary>How long the sockets scenario holds its sockets open.</summary>
    public TimeSpan Hold { get; private set; } = TimeSpan.FromSeconds(35);

    /// <summary>The gateway deployments the sockets scenario measures.</summary>
    public SocketsTopology Topology { get; private set; } = SocketsTopology.Both;

    /// <summary>The cases to run; empty for all.</summary>
    public IReadOnlySet<string> Cases { get; private set; } = new HashSet<string>();

    /// <summary>The README to rewrite, or <see langword="null"/> to find it.</summary>
    public string? ReadmePath { get; private set; }

    /// <summary>Whether to leave the README alone.</summary>
    public bool NoReadme { get; private set; }

    /// <summary>The arguments as given, for the report.</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions { Arguments = args };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "calls":
                    options.Scenarios |= BenchScenario.Calls;
                    break;
                case "memory":
                    options.Scenarios |= BenchScenario.Memory;
                    break;
                case "cross-silo":
                    options.Scenarios |= BenchScenario.CrossSilo;
                    break;
                case "gateway":
                    options.Scenarios |= BenchScenario.Gateway;
                    break;
                case "sockets":
                    options.Scenarios |= BenchScenario.Sockets;
                    break;
                case "--sockets":
                    options.Sockets = ParseInt(args, ref i, min: 1);
                    break;
                case "--hold":
                    options.Hold = TimeSpan.FromSeconds(ParseDouble(args, ref i));
                    break;
                case "--topology":
                    options.Topology = Next(args, ref i) switch
                    {
                        "cohosted" or "co-hosted" => SocketsTopology.CoHosted,
                        "standalone" => SocketsTopology.Standalone,
                        "both" => SocketsTopology.Both,
                        var other => throw new ArgumentException($"--topology needs cohosted, standalone or both (was '{other}')."),
                    };
                    break;
                case "all":
                    options.Scenarios |= BenchScenario.All;
                    break;
                case "--rounds":
                    options.Rounds = ParseInt(args, ref i, min: 1);
                    break;
                case "--seconds":
                    options.RoundLength = TimeSpan.FromSeconds(ParseDouble(args, ref i));
                    break;
                case "--warmup":
                    options.Warmup = TimeSpan.FromSeconds(ParseDouble(args, ref i));
                    break;
                case "--callers":
                    options.Callers = ParseInt(args, ref i, min: 1);
                    break;
                case "--grains":
                    options.Grains = ParseInt(args, ref i, min: 1);
                    break;
                case "--count":
                    options.Count = ParseInt(args, ref i, min: 1);
                    break;
                case "--targets":
                    options.Targets = ParseInt(args, ref i, min: 1);
                    break;
                case "--rate":
                    options.Rate = ParsePositive(args, ref i);
                    break;
                case "--paced-rounds":
                    options.PacedRounds = ParseInt(args, ref i, min: 1);
                    break;
                case "--case":
                    options.Cases = Next(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                    break;
                case "--readme":
                    options.ReadmePath = Next(args, ref i);
                    break;
                case "--no-readme":
                    options.NoReadme = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }

        if (options.Scenarios == BenchScenario.None)
        {
            throw new ArgumentException("Name a scenario: calls, memory, cross-silo or all.");
        }

        return options;
    }

    private static string Next(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int ParseInt(IReadOnlyList<string> args, ref int i, int min)
    {
        var name = args[i];
        var text = Next(args, ref i).Replace("_", string.Empty, StringComparison.Ordinal);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"{name} needs an integer of at least {min} (was '{args[i]}').");
    }

    private static double ParsePositive(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Next(args, ref i).Replace("_", string.Empty, StringComparison.Ordinal);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive number (was '{text}').");
    }

    private static double ParseDouble(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Next(args, ref i);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"{name} needs a non-negative number of seconds (was '{text}').");
    }
}
