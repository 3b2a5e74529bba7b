using System.Collections.Concurrent;

namespace GameCluster.Tests.Infrastructure;

/// <summary>Test grains report their lifecycle here so tests can observe activations from outside.</summary>
public sealed class GrainProbe
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Events => [.. _events];

    public void Record(string grainEvent) => _events.Enqueue(grainEvent);

    public int Count(string grainEvent) => _events.Count(e => e == grainEvent);

    public async Task WaitForAsync(Func<GrainProbe, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}. Events: {string.Join(", ", _events)}");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
