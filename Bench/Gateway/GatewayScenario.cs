using System.Globalization;
using GameCluster.Bench.Grains;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Gateway;

/// <summary>
/// Socket RPCs through the gateway to a player grain against a plain Kestrel JSON endpoint, side by side in one run and
/// with the same load loops (<see cref="CallLoad"/>): the silo host co-hosting the gateway as a child process (memory
/// storage), the plain endpoint in a second child process, and the load in this process: <c>--callers</c> guest
/// players, one WebSocket each, one <c>player.get_profile</c> in flight per socket, against the same number of
/// HTTP/1.1 keep-alive connections with one <c>GET /plain</c> in flight each. Then both paced at half of the
/// gateway's peak.
/// </summary>
public static class GatewayScenario
{
    /// <summary>The in-flight limit of the paced cases.</summary>
    public const int PacedMaxInFlight = 10_000;

    /// <summary>The socket request of the load.</summary>
    public const string RequestType = "player.get_profile";

    /// <summary>
    /// Settings of the gateway host: memory storage, logging at Warning (as the other scenarios' silos), and the
    /// per-player and per-IP limits raised, since every bench socket and sign-in comes from 127.0.0.1 and each
    /// player sends far more than the default 20 messages/s.
    /// </summary>
    public static Dictionary<string, string> GatewaySettings() => new()
    {
        ["Storage:Provider"] = "Memory",
        ["Silo:ListenHost"] = "127.0.0.1",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Gateway:RateLimits:PerIpPermitLimit"] = "100000000",
        ["Gateway:RateLimits:PerPlayerPermitLimit"] = "100000000",
        ["Gateway:Realtime:PlayerMessagesPerSecond"] = "1000000",
        ["Gateway:Realtime:PlayerMessageBurst"] = "1000000",
        ["Gateway:Realtime:IpMessagesPerSecond"] = "1000000",
        ["Gateway:Realtime:IpMessageBurst"] = "1000000",
    };

    /// <summary>Runs the scenario.</summary>
    public static async Task<GatewayReport> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        log.WriteLine("  starting the silo host (co-hosted gateway) and the plain HTTP server...");
        var gatewayStart = GatewayProcess.StartAsync(GatewaySettings(), withProbe: false, cancellationToken);
        var plainStart = PlainHttpServerProcess.StartAsync(cancellationToken);
        try
        {
            await Task.WhenAll(gatewayStart, plainStart);
        }
        catch
        {
            if (gatewayStart.IsCompletedSuccessfully)
            {
                await gatewayStart.Result.DisposeAsync();
            }

            if (plainStart.IsCompletedSuccessfully)
            {
                await plainStart.Result.DisposeAsync();
            }

            throw;
        }

        await using var gateway = gatewayStart.Result;
        await using var plain = plainStart.Result;
        var callers = options.Callers;
        var players = await GuestLogins.SignInAsync(gateway.BaseAddress, "bench-gw-" + Guid.NewGuid().ToString("N")[..8], callers, Math.Min(callers, 32), null, cancellationToken);
        await using var sockets = await WebSocketRpcClient.ConnectAsync(gateway.SocketEndpoint, [.. players.Select(static p => p.AccessToken)], PacedMaxInFlight, RequestType, cancellationToken);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = callers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = plain.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var plainUri = new Uri("/plain", UriKind.Relative);
        var sampleHttp = await http.GetStringAsync(plainUri, cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  gateway pid {gateway.Process.Id} (port {gateway.HttpPort}), plain server pid {plain.Process.Id}; {sockets.Sockets} sockets of {players.Length} guest players"));
        log.WriteLine($"  socket reply: {sockets.SampleReply}");
        log.WriteLine($"  plain reply:  {sampleHttp}");

        async Task<int> PlainCall(int slot, int target, int value)
        {
            var body = await http.GetByteArrayAsync(plainUri, CancellationToken.None);
            return body.Length > 0 ? value : -1;
        }

        EchoCall socketCall = sockets.CallAsync;
        EchoCall plainCall = PlainCall;
        Func<TimeSpan> gatewayCpu = gateway.Process.ProcessorTime;
        Func<TimeSpan> plainCpu = plain.Process.ProcessorTime;
        GatewayCase[] closedCases =
        [
            new("ws-n", $"gateway socket RPC ({RequestType}), {callers} sockets", callers, false, gatewayCpu, length => CallLoad.RunClosedAsync(socketCall, callers, callers, length)),
            new("http-n", $"plain Kestrel GET /plain, {callers} keep-alive connections", callers, false, plainCpu, length => CallLoad.RunClosedAsync(plainCall, callers, callers, length)),
        ];
        var closed = closedCases.Where(c => options.Cases.Count == 0 || options.Cases.Contains(c.Id)).ToList();
        var closedResults = closed.Select(static c => new GatewayCaseResult(c)).ToArray();
        await RunRoundsAsync(closed, closedResults, options.Warmup, options.Rounds, options.RoundLength, log, cancellationToken);

        var peak = closedResults.FirstOrDefault(static r => r.Case.Id == "ws-n");
        var rate = options.Rate ?? (peak is null ? (double?)null : peak.MedianCallsPerSecond / 2);
        var pacedIds = new[] { "ws-paced", "http-paced" }.Where(id => options.Cases.Count == 0 || options.Cases.Contains(id)).ToList();
        GatewayCaseResult[] pacedResults = [];
        if (pacedIds.Count > 0)
        {
            if (rate is not { } pacedRate)
            {
                throw new ArgumentException("The paced cases need the ws-n peak or --rate.");
            }

            GatewayCase[] pacedCases =
            [
                new("ws-paced", $"gateway socket RPC, paced, over {callers} sockets", PacedMaxInFlight, true, gatewayCpu, length => CallLoad.RunPacedAsync(socketCall, callers, pacedRate, PacedMaxInFlight, length)),
                new("http-paced", $"plain GET /plain, paced, up to {callers} connections", PacedMaxInFlight, true, plainCpu, length => CallLoad.RunPacedAsync(plainCall, callers, pacedRate, PacedMaxInFlight, length)),
            ];
            var paced = pacedCases.Where(c => pacedIds.Contains(c.Id)).ToList();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  paced at {pacedRate:N0} calls/s ({(options.Rate is null ? "half of the ws-n median" : "--rate")})"));
            pacedResults = [.. paced.Select(static c => new GatewayCaseResult(c))];
            var warmup = options.Warmup < TimeSpan.FromSeconds(1) ? options.Warmup : TimeSpan.FromSeconds(1);
            await RunRoundsAsync(paced, pacedResults, warmup, options.PacedRounds, options.RoundLength, log, cancellationToken);
        }

        return new GatewayReport(options, startedAt, $"{loadBefore} at start, {MachineInfo.LoadAverage()} at end", callers, closedResults, pacedResults, sockets.SampleReply, sampleHttp);
    }

    private static async Task RunRoundsAsync(IReadOnlyList<GatewayCase> cases, GatewayCaseResult[] results, TimeSpan warmup, int rounds, TimeSpan length, TextWriter log, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero)
        {
            foreach (var gatewayCase in cases)
            {
                log.WriteLine(Line("warmup", gatewayCase, await RunRoundAsync(gatewayCase, 0, warmup, cancellationToken)));
            }
        }

        for (var round = 1; round <= rounds; round++)
        {
            var order = Enumerable.Range(0, cases.Count);
            foreach (var index in round % 2 == 1 ? order : order.Reverse())
            {
                var result = await RunRoundAsync(cases[index], round, length, cancellationToken);
                results[index].Rounds.Add(result);
                log.WriteLine(Line($"round {round}", cases[index], result));
            }
        }
    }

    private static async Task<GatewayRound> RunRoundAsync(GatewayCase gatewayCase, int round, TimeSpan length, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clientBefore = Environment.CpuUsage.TotalTime;
        var serverBefore = gatewayCase.ServerCpu();
        var machineBefore = MachineCpu.Read();
        var load = await gatewayCase.RunRoundAsync(length).WaitAsync(cancellationToken);
        var machine = MachineCpu.Read().BusySince(machineBefore);
        var result = new GatewayRound(round, load, Environment.CpuUsage.TotalTime - clientBefore, gatewayCase.ServerCpu() - serverBefore, machine);
        if (load.Errors > 0)
        {
            throw new InvalidOperationException($"{gatewayCase.Id}: {load.Errors:N0} calls failed in round {round}; the first: {load.FirstError}");
        }

        return result;
    }

    private static string Line(string label, GatewayCase gatewayCase, GatewayRound round)
    {
        var load = round.Load;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {label,-8} {gatewayCase.Id,-10} {round.CallsPerSecond,10:N0} calls/s  p50 {GatewayReport.Micros(load.ScheduleLatency.PercentileMicroseconds(0.50)),9}  p99 {GatewayReport.Micros(load.ScheduleLatency.PercentileMicroseconds(0.99)),9}  CPU/call bench {round.ClientCpuMicrosecondsPerCall,6:N1} + server {round.ServerCpuMicrosecondsPerCall,6:N1} us  machine {round.MachineBusy * 100,3:0}% busy");
        return gatewayCase.IsPaced
            ? string.Create(CultureInfo.InvariantCulture,
                $"{line}  (from start p99 {GatewayReport.Micros(load.Latency.PercentileMicroseconds(0.99))}; pacing lag p99 {GatewayReport.Micros(load.PacingLag.PercentileMicroseconds(0.99))}; skipped {load.Skipped:N0})")
            : line;
    }
}
