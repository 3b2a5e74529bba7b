namespace GameCluster.Bench.Grains;

/// <summary>A grain that does no work, so a call measures only the runtime's cost.</summary>
public sealed class BenchGrain : Grain, IBenchGrain
{
    /// <inheritdoc />
    public Task<int> PingAsync(int value) => Task.FromResult(value);
}
