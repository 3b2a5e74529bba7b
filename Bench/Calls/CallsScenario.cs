using System.Globalization;
using GameCluster.Bench.Grains;
using GameCluster.Bench.Hosting;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Calls;

/// <summary>
/// Local grain calls and the raw channel hop in one process: every case is set up first, warmed up, then the timed
/// rounds alternate between cases (each round runs every case once; the order is reversed every other round) so that
/// both sides see the same machine, JIT state and noise.
/// </summary>
public static class CallsScenario
{
    /// <summary>Runs the scenario and returns its results.</summary>
    public static async Task<CallsReport> RunAsync(BenchOptions options, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await using var silo = await BenchSilo.StartAsync(typeof(BenchGrain).Assembly, new Dictionary<string, string?>
        {
            // Nothing may be collected between rounds.
            ["Grains:CollectionAge"] = "1.00:00:00",
            ["Grains:CollectionQuantum"] = "1.00:00:00",
        });

        (string Id, IThroughputCase Case)[] all =
        [
            ("channel-1", new ChannelHopCase(targets: 1, callers: 1)),
            ("grain-1", new GrainCallCase(silo.GrainFactory, grains: 1, callers: 1, firstKey: 1_000_000_000)),
            ("channel-n", new ChannelHopCase(options.Grains, options.Callers)),
            ("pool-n", new ChannelWorkerPoolCase(options.Callers)),
            ("grain-n", new GrainCallCase(silo.GrainFactory, options.Grains, options.Callers, firstKey: 0)),
        ];
        var selected = all.Where(c => options.Cases.Count == 0 || options.Cases.Contains(c.Id)).ToArray();
        var cases = selected.Select(static c => c.Case).ToArray();
        var results = cases.Select(static c => new CaseResult(c.Name, c.Kind, c.Callers, c.Targets)).ToArray();
        var loadBefore = MachineInfo.LoadAverage();
        try
        {
            foreach (var throughputCase in cases)
            {
                await throughputCase.SetupAsync();
            }

            if (options.Warmup > TimeSpan.Zero)
            {
                foreach (var throughputCase in cases)
                {
                    var warmup = await ThroughputRunner.RunRoundAsync(throughputCase, 0, options.Warmup);
                    log.WriteLine(Line("warmup", throughputCase, warmup));
                }
            }

            for (var round = 1; round <= options.Rounds; round++)
            {
                var order = Enumerable.Range(0, cases.Length);
                foreach (var index in round % 2 == 1 ? order : order.Reverse())
                {
                    var result = await ThroughputRunner.RunRoundAsync(cases[index], round, options.RoundLength);
                    results[index].Rounds.Add(result);
                    log.WriteLine(Line($"round {round}", cases[index], result));
                }
            }

            for (var i = 0; i < cases.Length; i++)
            {
                results[i].BytesPerCall = await ThroughputRunner.MeasureBytesPerCallAsync(cases[i]);
            }
        }
        finally
        {
            foreach (var throughputCase in cases)
            {
                await throughputCase.DisposeAsync();
            }
        }

        var byId = selected.Select((c, i) => (c.Id, Result: results[i])).ToDictionary(static p => p.Id, static p => p.Result, StringComparer.Ordinal);
        List<CaseComparison> comparisons = [];
        foreach (var (grain, channel, primary) in new[] { ("grain-1", "channel-1", true), ("grain-n", "channel-n", true), ("grain-n", "pool-n", false) })
        {
            if (byId.TryGetValue(grain, out var grainResult) && byId.TryGetValue(channel, out var channelResult))
            {
                comparisons.Add(new CaseComparison(grainResult, channelResult, primary));
            }
        }

        return new CallsReport(options, startedAt, $"{loadBefore} at start, {MachineInfo.LoadAverage()} at end", results, comparisons);
    }

    private static string Line(string label, IThroughputCase throughputCase, RoundResult result) => string.Create(CultureInfo.InvariantCulture,
        $"  {label,-8} {throughputCase.Name,-48} x{throughputCase.Callers,-3} {result.CallsPerSecond,12:N0} calls/s  {result.CpuMicrosecondsPerCall,6:N2} us CPU/call  gen0 {result.Gen0Collections}");
}
