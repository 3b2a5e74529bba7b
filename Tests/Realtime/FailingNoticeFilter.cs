using GameCluster.Grains;

namespace GameCluster.Tests.Realtime;

/// <summary>
/// A real incoming grain call filter of the silo that makes every <see cref="IPushMailboxGrain.DeliverAsync"/> fail while
/// <see cref="Failing"/> is set, the way a mailbox on an unreachable silo would: push notices are lost.
/// </summary>
public sealed class FailingNoticeFilter : IIncomingGrainCallFilter
{
    private volatile bool _failing;
    private int _failed;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    /// <summary>How many deliveries were made to fail.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (_failing
            && context.InterfaceName.EndsWith(nameof(IPushMailboxGrain), StringComparison.Ordinal)
            && context.MethodName.StartsWith("Deliver", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _failed);
            throw new InvalidOperationException("Injected: push notice delivery fails.");
        }

        return context.Invoke();
    }
}
