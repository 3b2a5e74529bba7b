using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>
/// The size limits a request head must stay within to be handled below the HTTP pipeline: Kestrel's own
/// (<see cref="KestrelServerLimits"/>), so that nothing Kestrel would refuse is accepted here, and at most
/// <see cref="UpgradeRequestParser.MaxHeaderBytes"/> in all.
/// </summary>
/// <param name="MaxRequestLineSize">Kestrel's <see cref="KestrelServerLimits.MaxRequestLineSize"/>.</param>
/// <param name="MaxRequestHeadersTotalSize">Kestrel's <see cref="KestrelServerLimits.MaxRequestHeadersTotalSize"/>.</param>
/// <param name="MaxRequestHeaderCount">Kestrel's <see cref="KestrelServerLimits.MaxRequestHeaderCount"/>.</param>
public readonly record struct UpgradeHeadLimits(int MaxRequestLineSize, int MaxRequestHeadersTotalSize, int MaxRequestHeaderCount)
{
    /// <summary>Kestrel's defaults.</summary>
    public static UpgradeHeadLimits Default { get; } = From(new KestrelServerLimits());

    /// <summary>The limits of a Kestrel server.</summary>
    public static UpgradeHeadLimits From(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new(limits.MaxRequestLineSize, limits.MaxRequestHeadersTotalSize, limits.MaxRequestHeaderCount);
    }

    /// <summary>The most bytes a head handled here can have (request line, headers and the empty line).</summary>
    public long MaxHeadBytes => Math.Min(UpgradeRequestParser.MaxHeaderBytes, (long)MaxRequestLineSize + MaxRequestHeadersTotalSize);
}
