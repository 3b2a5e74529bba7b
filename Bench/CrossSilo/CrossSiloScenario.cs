using System.Globalization;
using GameCluster.Bench.Grains;
using GameCluster.Bench.Hosting;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.CrossSilo;

/// <summary>
/// Cross-silo grain calls between two silo processes against a raw TCP request/response between two processes, in
/// one run: a private redis-server, silo A (the driver grain) and silo B (the target grains), a TCP echo server, and a
/// cluster client in this process that triggers every grain round. Closed-loop cases alternate round by round (the
/// order reversed every other round), then the paced cases run at half of the measured grain peak.
/// </summary>
public static class CrossSiloScenario
{
    /// <summary>Calls in flight of the single-call cases.</summary>
    public const int SingleInFlight = 1;

    /// <summary>The in-flight limit of the paced cases: at 100,000 calls/s only a stall of 100 ms would reach it.</summary>
    public const int PacedMaxInFlight = 10_000;

    /// <summary>
    /// Lengths of the two allocation-counting runs (inside no-GC regions, so short). Bytes per call is the difference
    /// of their counts over the difference of their calls, so that the fixed cost of a run (the workers' histograms,
    /// tasks, the grain call that starts the run) drops out.
    /// </summary>
    public static readonly TimeSpan[] AllocationProbeLengths = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(30)];

    /// <summary>Runs the scenario and returns its results.</summary>
    public static async Task<CrossSiloReport> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (options.RoundLength > TimeSpan.FromSeconds(25))
        {
            // A round is one grain call from the client to the driver, which must answer within the default 30 s response timeout.
            throw new ArgumentException("cross-silo rounds must be at most 25 s (--seconds).");
        }

        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        var grainAssembly = typeof(ICrossSiloDriverGrain).Assembly;
        log.WriteLine("  starting redis-server, two silo processes and the TCP echo server...");
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["Clustering:Provider"] = "Redis",
            ["Clustering:Redis:ConnectionString"] = redis.ConnectionString,
            ["Cluster:ClusterId"] = clusterId,
            ["Silo:ListenHost"] = "127.0.0.1",
            ["Silo:AdvertisedHost"] = "127.0.0.1",
            ["Storage:Provider"] = "Memory",
            ["Gateway:Enabled"] = "false",
            ["Grains:Assemblies:0"] = grainAssembly.Location,
            // Nothing may be collected between rounds.
            ["Grains:CollectionAge"] = "1.00:00:00",
            ["Grains:CollectionQuantum"] = "1.00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var starting = new[] { SiloProcess.StartAsync("silo A", settings, cancellationToken), SiloProcess.StartAsync("silo B", settings, cancellationToken) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var start in starting.Where(static s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }

            throw;
        }

        await using var siloA = starting[0].Result;
        await using var siloB = starting[1].Result;
        await using var echoServer = await TcpEchoServerProcess.StartAsync(cancellationToken);
        await using var client = await BenchClient.StartAsync(grainAssembly, redis.ConnectionString, clusterId, cancellationToken);
        await client.WaitForActiveSilosAsync(2, cancellationToken);

        var (driverKey, driver) = await FindDriverAsync(client.Client, siloA.SiloPort, cancellationToken);
        var targetKeys = await FindTargetsAsync(client.Client, siloB.SiloPort, options.Targets, cancellationToken);
        var local = await driver.SetTargetsAsync(targetKeys);
        if (local != 0)
        {
            throw new InvalidOperationException($"{local} of the {targetKeys.Length} target grains live on the driver's own silo.");
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  driver grain '{driverKey}' on silo A (pid {siloA.Process.Id}, port {siloA.SiloPort}); {targetKeys.Length:N0} target grains on silo B (pid {siloB.Process.Id}, port {siloB.SiloPort}); echo server pid {echoServer.Process.Id}"));
        await using var tcp = await TcpEchoClient.ConnectAsync(echoServer.Endpoint, Math.Max(options.Callers, PacedMaxInFlight), cancellationToken);

        Func<TimeSpan> self = static () => Environment.CpuUsage.TotalTime;
        Func<TimeSpan> siloACpu = siloA.Process.ProcessorTime;
        Func<TimeSpan> siloBCpu = siloB.Process.ProcessorTime;
        Func<TimeSpan> echoCpu = echoServer.Process.ProcessorTime;
        var targets = targetKeys.Length;
        var probeB = client.Client.GetGrain<IEchoTargetGrain>(targetKeys[0]);
        Func<Task<ProcessStats>> selfGc = static () => Task.FromResult(ProcessStats.Capture());
        Func<Task<ProcessStats>> siloAGc = driver.GetProcessStatsAsync;
        Func<Task<ProcessStats?>> siloBGc = async () => await probeB.GetProcessStatsAsync();
        Func<Task<ProcessStats?>> echoGc = static () => Task.FromResult<ProcessStats?>(null);
        LoadCase GrainClosed(string id, int inFlight, bool onThreadPool) => new(
            id,
            onThreadPool ? $"grain calls A->B, driver workers on the thread pool" : "grain calls A->B",
            "grain",
            inFlight,
            false,
            siloACpu,
            siloBCpu,
            siloAGc,
            siloBGc,
            onThreadPool ? null : length => MeasureGrainAllocationAsync(driver, probeB, inFlight, length),
            length => driver.RunClosedAsync(inFlight, length, onThreadPool));
        LoadCase TcpClosed(string id, int inFlight) => new(
            id,
            "raw TCP echo",
            "tcp",
            inFlight,
            false,
            self,
            echoCpu,
            selfGc,
            echoGc,
            length => MeasureTcpAllocationAsync(tcp, targets, inFlight, length),
            length => CallLoad.RunClosedAsync(tcp.CallAsync, targets, inFlight, length));

        LoadCase[] all =
        [
            TcpClosed("tcp-1", SingleInFlight),
            GrainClosed("grain-1", SingleInFlight, onThreadPool: false),
            TcpClosed("tcp-n", options.Callers),
            GrainClosed("grain-n", options.Callers, onThreadPool: false),
        ];
        var closed = all.Where(c => options.Cases.Count == 0 || options.Cases.Contains(c.Id)).ToList();
        if (options.Cases.Contains("grain-n-pool"))
        {
            closed.Add(GrainClosed("grain-n-pool", options.Callers, onThreadPool: true));
        }

        var closedResults = closed.Select(static c => new LoadCaseResult(c)).ToArray();
        await RunRoundsAsync(closed, closedResults, options.Warmup, options.Rounds, options.RoundLength, log, cancellationToken);
        foreach (var result in closedResults)
        {
            if (result.Case.MeasureAllocationAsync is { } measure)
            {
                var (shortCalls, shortCaller, shortCallee) = await measure(AllocationProbeLengths[0]).WaitAsync(cancellationToken);
                var (longCalls, longCaller, longCallee) = await measure(AllocationProbeLengths[1]).WaitAsync(cancellationToken);
                var calls = longCalls - shortCalls;
                result.CallerBytesPerCall = calls > 0 && shortCaller >= 0 && longCaller >= 0 ? (double)(longCaller - shortCaller) / calls : null;
                result.CalleeBytesPerCall = calls > 0 && shortCallee >= 0 && longCallee >= 0 ? (double)(longCallee - shortCallee).Value / calls : null;
            }
        }

        var grainPeak = closedResults.FirstOrDefault(static r => r.Case.Id == "grain-n");
        var rate = options.Rate ?? (grainPeak is null ? (double?)null : grainPeak.MedianCallsPerSecond / 2);
        var pacedIds = new[] { "grain-paced", "tcp-paced" }.Where(id => options.Cases.Count == 0 || options.Cases.Contains(id)).ToList();
        LoadCaseResult[] pacedResults = [];
        if (pacedIds.Count > 0)
        {
            if (rate is not { } pacedRate)
            {
                throw new ArgumentException("The paced cases need the grain-n peak or --rate.");
            }

            var paced = new List<LoadCase>();
            if (pacedIds.Contains("grain-paced"))
            {
                paced.Add(new LoadCase("grain-paced", "grain calls A->B, paced", "grain", PacedMaxInFlight, true, siloACpu, siloBCpu, siloAGc, siloBGc, null,
                    length => driver.RunPacedAsync(pacedRate, PacedMaxInFlight, length)));
            }

            if (pacedIds.Contains("tcp-paced"))
            {
                paced.Add(new LoadCase("tcp-paced", "raw TCP echo, paced", "tcp", PacedMaxInFlight, true, self, echoCpu, selfGc, echoGc, null,
                    length => CallLoad.RunPacedAsync(tcp.CallAsync, targets, pacedRate, PacedMaxInFlight, length)));
            }

            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  paced at {pacedRate:N0} calls/s ({(options.Rate is null ? "half of the grain-n median" : "--rate")})"));
            pacedResults = [.. paced.Select(static c => new LoadCaseResult(c))];
            // The paced load is a new pattern for both processes (request rate, in-flight count, allocation rate): give it
            // the same warmup as the closed-loop cases, so that the runtime's and the GC's adaptation is not measured.
            await RunRoundsAsync(paced, pacedResults, options.Warmup, options.PacedRounds, options.RoundLength, log, cancellationToken);
        }

        var byId = closedResults.ToDictionary(static r => r.Case.Id, StringComparer.Ordinal);
        List<LoadComparison> comparisons = [];
        foreach (var (grain, reference) in new[] { ("grain-1", "tcp-1"), ("grain-n", "tcp-n") })
        {
            if (byId.TryGetValue(grain, out var grainResult) && byId.TryGetValue(reference, out var tcpResult))
            {
                comparisons.Add(new LoadComparison(grainResult, tcpResult));
            }
        }

        var setup = new CrossSiloSetup(driverKey, targetKeys.Length, siloA.SiloPort, siloB.SiloPort, HostGarbageCollector.Describe(SiloProcess.HostPath));
        return new CrossSiloReport(options, startedAt, $"{loadBefore} at start, {MachineInfo.LoadAverage()} at end", setup, closedResults, comparisons, pacedResults);
    }

    private static async Task RunRoundsAsync(IReadOnlyList<LoadCase> cases, LoadCaseResult[] results, TimeSpan warmup, int rounds, TimeSpan length, TextWriter log, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero)
        {
            foreach (var loadCase in cases)
            {
                log.WriteLine(Line("warmup", loadCase, await RunRoundAsync(loadCase, 0, warmup, cancellationToken)));
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

    /// <summary>A short driver run inside no-GC regions in both silo processes, counting both processes' allocations.</summary>
    private static async Task<(long Calls, long CallerBytes, long? CalleeBytes)> MeasureGrainAllocationAsync(ICrossSiloDriverGrain driver, IEchoTargetGrain calleeProbe, int inFlight, TimeSpan length)
    {
        var counting = await calleeProbe.BeginAllocationCountAsync();
        AllocationSample sample;
        long calleeBytes;
        try
        {
            sample = await driver.MeasureAllocationAsync(inFlight, length);
        }
        finally
        {
            calleeBytes = await calleeProbe.EndAllocationCountAsync();
        }

        return (sample.Calls, sample.AllocatedBytes, counting ? calleeBytes : -1);
    }

    /// <summary>A short TCP run inside a no-GC region of this process (the echo server's allocations are not counted).</summary>
    private static async Task<(long Calls, long CallerBytes, long? CalleeBytes)> MeasureTcpAllocationAsync(TcpEchoClient tcp, int targets, int inFlight, TimeSpan length)
    {
        long calls = 0;
        var bytes = await AllocationCounter.CountAllocatedBytesAsync(256L * 1024 * 1024, async () =>
        {
            var result = await CallLoad.RunClosedAsync(tcp.CallAsync, targets, inFlight, length);
            calls = result.Calls;
        });
        return (calls, bytes ?? -1, null);
    }

    private static async Task<LoadRound> RunRoundAsync(LoadCase loadCase, int round, TimeSpan length, CancellationToken cancellationToken)
    {
        // The TCP client lives in this process: start its rounds from the same heap state, as the calls scenario does.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var callerGcBefore = await loadCase.CallerGc();
        var calleeGcBefore = await loadCase.CalleeGc();
        var callerBefore = loadCase.CallerCpu();
        var calleeBefore = loadCase.CalleeCpu();
        var machineBefore = MachineCpu.Read();
        var load = await loadCase.RunRoundAsync(length).WaitAsync(cancellationToken);
        var machine = MachineCpu.Read().BusySince(machineBefore);
        var callerCpu = loadCase.CallerCpu() - callerBefore;
        var calleeCpu = loadCase.CalleeCpu() - calleeBefore;
        var callerGc = (await loadCase.CallerGc()).Since(callerGcBefore);
        var calleeGc = calleeGcBefore is null ? null : (await loadCase.CalleeGc())?.Since(calleeGcBefore);
        var result = new LoadRound(round, load, callerCpu, calleeCpu, machine, callerGc, calleeGc);
        if (load.Errors > 0)
        {
            throw new InvalidOperationException($"{loadCase.Id}: {load.Errors:N0} calls failed in round {round}; the first: {load.FirstError}");
        }

        return result;
    }

    /// <summary>A driver key whose activation lives on silo A (hash placement; keys are probed, each probe activates one).</summary>
    private static async Task<(string Key, ICrossSiloDriverGrain Driver)> FindDriverAsync(IClusterClient client, int siloPort, CancellationToken cancellationToken)
    {
        var prefix = SiloPrefix(siloPort);
        for (var i = 0; i < 200; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"driver-{i}");
            var driver = client.GetGrain<ICrossSiloDriverGrain>(key);
            if ((await driver.GetSiloAsync().WaitAsync(cancellationToken)).StartsWith(prefix, StringComparison.Ordinal))
            {
                return (key, driver);
            }
        }

        throw new InvalidOperationException($"No driver key of 200 landed on the silo at port {siloPort}.");
    }

    /// <summary><paramref name="count"/> target keys whose activations live on silo B (probed in batches; each probe activates one).</summary>
    private static async Task<long[]> FindTargetsAsync(IClusterClient client, int siloPort, int count, CancellationToken cancellationToken)
    {
        const int Batch = 500;
        var prefix = SiloPrefix(siloPort);
        var keys = new List<long>(count);
        for (long first = 0; keys.Count < count; first += Batch)
        {
            if (first > 20L * count + 1_000)
            {
                throw new InvalidOperationException($"Only {keys.Count} of {first} probed target keys landed on the silo at port {siloPort}.");
            }

            var probes = Enumerable.Range(0, Batch).Select(i => (Key: first + i, Silo: client.GetGrain<IEchoTargetGrain>(first + i).GetSiloAsync())).ToArray();
            await Task.WhenAll(probes.Select(static p => p.Silo)).WaitAsync(cancellationToken);
            keys.AddRange(probes.Where(p => p.Silo.Result.StartsWith(prefix, StringComparison.Ordinal)).Select(static p => p.Key));
        }

        return [.. keys.Take(count)];
    }

    private static string SiloPrefix(int port) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}@");

    private static string Line(string label, LoadCase loadCase, LoadRound round)
    {
        var load = round.Load;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {label,-8} {loadCase.Id,-12} x{loadCase.InFlight,-5} {round.CallsPerSecond,10:N0} calls/s  p50 {CrossSiloReport.Micros(load.ScheduleLatency.PercentileMicroseconds(0.50)),9}  p99 {CrossSiloReport.Micros(load.ScheduleLatency.PercentileMicroseconds(0.99)),9}  CPU/call {round.CallerCpuMicrosecondsPerCall,6:N1} + {round.CalleeCpuMicrosecondsPerCall,6:N1} us  machine {round.MachineBusy * 100,3:0}% busy");
        return loadCase.IsPaced
            ? string.Create(CultureInfo.InvariantCulture,
                $"{line}  (from start p50 {CrossSiloReport.Micros(load.Latency.PercentileMicroseconds(0.50))} p99 {CrossSiloReport.Micros(load.Latency.PercentileMicroseconds(0.99))}; pacing lag p99 {CrossSiloReport.Micros(load.PacingLag.PercentileMicroseconds(0.99))}; skipped {load.Skipped:N0})")
            : line;
    }
}
