namespace GameCluster.Bench.Grains;

/// <summary>The smallest useful grain call: an integer in, the same integer out.</summary>
public interface IBenchGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="value"/>.</summary>
    Task<int> PingAsync(int value);
}
