namespace GameCluster.Tests.TestGrains;

/// <summary>Operations that record how requests and turns overlap inside a grain.</summary>
public interface ITraceGrainBase : IGrain
{
    Task WorkAsync(int id, int delayMs);

    [ReadOnly]
    Task ReadAsync(int id, int delayMs);

    [AlwaysInterleave]
    Task<int> GetInFlightAsync();

    [AlwaysInterleave]
    Task<TraceReport> GetReportAsync();
}

public interface ITraceGrain : ITraceGrainBase, IGrainWithStringKey;

public interface IReentrantTraceGrain : ITraceGrainBase, IGrainWithStringKey;

[GenerateSerializer]
public sealed record TraceReport(
    [property: Id(0)] List<string> Trace,
    [property: Id(1)] int MaxConcurrentRequests,
    [property: Id(2)] int MaxConcurrentTurns);

public abstract class TraceGrainBase : Grain, ITraceGrainBase
{
    private readonly List<string> _trace = [];
    private int _inFlight;
    private int _maxInFlight;
    private int _turns;
    private int _maxTurns;

    public async Task WorkAsync(int id, int delayMs)
    {
        Turn(() => { _trace.Add($"start {id}"); Enter(); });
        await Task.Delay(delayMs);
        Turn(() => { _trace.Add($"end {id}"); _inFlight--; });
    }

    public async Task ReadAsync(int id, int delayMs)
    {
        Turn(() => { _trace.Add($"read-start {id}"); Enter(); });
        await Task.Delay(delayMs);
        Turn(() => { _trace.Add($"read-end {id}"); _inFlight--; });
    }

    public Task<int> GetInFlightAsync() => Task.FromResult(_inFlight);

    public Task<TraceReport> GetReportAsync() => Task.FromResult(new TraceReport([.. _trace], _maxInFlight, _maxTurns));

    private void Enter()
    {
        _inFlight++;
        _maxInFlight = Math.Max(_maxInFlight, _inFlight);
    }

    /// <summary>Runs a turn while counting how many turns run at once; a spin widens the window for overlap.</summary>
    private void Turn(Action action)
    {
        var turns = Interlocked.Increment(ref _turns);
        InterlockedMax(ref _maxTurns, turns);
        Thread.SpinWait(20_000);
        action();
        Interlocked.Decrement(ref _turns);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

public sealed class TraceGrain : TraceGrainBase, ITraceGrain;

[Reentrant]
public sealed class ReentrantTraceGrain : TraceGrainBase, IReentrantTraceGrain;
