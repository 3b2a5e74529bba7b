using GameCluster.Membership;

namespace GameCluster.Bench.Grains;

/// <summary>Makes the measured calls from the silo it lives on to <see cref="IEchoTargetGrain"/>s on another silo.</summary>
public interface ICrossSiloDriverGrain : IGrainWithStringKey
{
    /// <summary>The address of the silo this activation lives on.</summary>
    Task<string> GetSiloAsync();

    /// <summary>The garbage collection counters of the silo process this activation lives in.</summary>
    Task<ProcessStats> GetProcessStatsAsync();

    /// <summary>
    /// Sets the targets of the following rounds, calls each once (activating it if needed and filling this silo's
    /// directory cache) and returns how many of them live on this driver's own silo (the bench expects none).
    /// </summary>
    Task<int> SetTargetsAsync(long[] keys);

    /// <summary>
    /// A closed-loop round (see <see cref="CallLoad.RunClosedAsync"/>). With <paramref name="workersOnThreadPool"/>
    /// false the workers run inside this grain's turn, so their continuations run one at a time on the activation's
    /// scheduler, as in any grain that fans out calls; with true they run on the thread pool (for comparison only).
    /// </summary>
    Task<LoadRoundResult> RunClosedAsync(int inFlight, TimeSpan length, bool workersOnThreadPool);

    /// <summary>
    /// A closed-loop run of <paramref name="length"/> (keep it short: about 20 ms) inside a no-GC region of this silo
    /// process, counting what the process allocated (see <see cref="AllocationProbe"/>).
    /// </summary>
    Task<AllocationSample> MeasureAllocationAsync(int inFlight, TimeSpan length);

    /// <summary>A paced open-loop round inside this grain's turn (see <see cref="CallLoad.RunPacedAsync"/>).</summary>
    Task<LoadRoundResult> RunPacedAsync(double callsPerSecond, int maxInFlight, TimeSpan length);
}

/// <summary>
/// The driver: hash placement lets the bench pick a key that lives on the calling silo. Every timed round is one call
/// to this grain, which runs the load loop for the round's length and returns the calls and latencies it measured.
/// </summary>
[HashBasedPlacement]
public sealed class CrossSiloDriverGrain(LocalSilo localSilo) : Grain, ICrossSiloDriverGrain
{
    private IEchoTargetGrain[] _targets = [];
    private EchoCall? _call;

    /// <inheritdoc />
    public Task<string> GetSiloAsync() => Task.FromResult(localSilo.Address.ToString());

    /// <inheritdoc />
    public Task<ProcessStats> GetProcessStatsAsync() => Task.FromResult(ProcessStats.Capture());

    /// <inheritdoc />
    public async Task<int> SetTargetsAsync(long[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var targets = keys.Select(k => GrainFactory.GetGrain<IEchoTargetGrain>(k)).ToArray();
        var silos = await Task.WhenAll(targets.Select(static t => t.GetSiloAsync()));
        var self = localSilo.Address.ToString();
        _targets = targets;
        _call = (_, target, value) => targets[target].PingAsync(value);
        return silos.Count(s => s == self);
    }

    /// <inheritdoc />
    public Task<LoadRoundResult> RunClosedAsync(int inFlight, TimeSpan length, bool workersOnThreadPool)
    {
        var call = _call ?? throw new InvalidOperationException("Set the targets first.");
        var targets = _targets.Length;
        return workersOnThreadPool
            ? Task.Run(() => CallLoad.RunClosedAsync(call, targets, inFlight, length))
            : CallLoad.RunClosedAsync(call, targets, inFlight, length);
    }

    /// <inheritdoc />
    public async Task<AllocationSample> MeasureAllocationAsync(int inFlight, TimeSpan length)
    {
        var call = _call ?? throw new InvalidOperationException("Set the targets first.");
        if (!AllocationProbe.Begin())
        {
            return new AllocationSample(0, -1);
        }

        LoadRoundResult result;
        try
        {
            result = await CallLoad.RunClosedAsync(call, _targets.Length, inFlight, length);
        }
        catch
        {
            AllocationProbe.End();
            throw;
        }

        return new AllocationSample(result.Calls, AllocationProbe.End());
    }

    /// <inheritdoc />
    public Task<LoadRoundResult> RunPacedAsync(double callsPerSecond, int maxInFlight, TimeSpan length)
    {
        var call = _call ?? throw new InvalidOperationException("Set the targets first.");
        return CallLoad.RunPacedAsync(call, _targets.Length, callsPerSecond, maxInFlight, length);
    }
}
