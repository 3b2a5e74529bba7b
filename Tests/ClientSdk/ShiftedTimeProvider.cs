namespace GameCluster.Tests.ClientSdk;

/// <summary>The system clock moved by a fixed offset (timers unchanged): a gateway or client whose clock is off.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
