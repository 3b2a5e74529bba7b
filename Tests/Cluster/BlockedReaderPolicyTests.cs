using System.Diagnostics;
using GameCluster.Messaging;

namespace GameCluster.Tests.Cluster;

/// <summary>When a connection whose reading thread grain turns held stops running turns inline.</summary>
public sealed class BlockedReaderPolicyTests
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    [Fact]
    public void AHoldAlone_DoesNotStopInlineRunning()
    {
        var policy = new BlockedReaderPolicy();

        Assert.False(policy.OnHeld(At(TimeSpan.Zero)));
    }

    [Fact]
    public void ASecondHoldWithinTheWindow_StopsInlineRunning()
    {
        var policy = new BlockedReaderPolicy();

        policy.OnHeld(At(TimeSpan.Zero));

        Assert.True(policy.OnHeld(At(BlockedReaderPolicy.Window - TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void HoldsFartherApartThanTheWindow_NeverStopIt()
    {
        var policy = new BlockedReaderPolicy();
        var gap = BlockedReaderPolicy.Window + TimeSpan.FromSeconds(1);

        Assert.False(policy.OnHeld(At(TimeSpan.Zero)));
        Assert.False(policy.OnHeld(At(gap)));
        Assert.False(policy.OnHeld(At(2 * gap)));
    }

    private static long At(TimeSpan offset) => Start + (long)(offset.TotalSeconds * Stopwatch.Frequency);
}
