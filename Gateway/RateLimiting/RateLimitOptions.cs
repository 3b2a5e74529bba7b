namespace GameCluster.Gateway.RateLimiting;

/// <summary>Rate limits of the gateway (configuration section <c>Gateway:RateLimits</c>); fixed windows, no queueing.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:RateLimits";

    /// <summary>Requests per client IP to the auth endpoints per <see cref="PerIpWindow"/>. Default 30.</summary>
    public int PerIpPermitLimit { get; set; } = 30;

    /// <summary>The window of <see cref="PerIpPermitLimit"/>. Default 1 minute.</summary>
    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <c>/ws</c> connection attempts per client IP per <see cref="PerIpWindow"/>, in a budget of their own. Default
    /// (unset): the larger of <see cref="DefaultSocketPerIpPermitLimit"/> and <see cref="PerIpPermitLimit"/>.
    /// </summary>
    public int? SocketPerIpPermitLimit { get; set; }

    /// <summary>The smallest default of <see cref="SocketPerIpPermitLimit"/> (many players may share one address).</summary>
    public const int DefaultSocketPerIpPermitLimit = 600;

    /// <summary>The effective <see cref="SocketPerIpPermitLimit"/>.</summary>
    public int EffectiveSocketPerIpPermitLimit => SocketPerIpPermitLimit ?? Math.Max(DefaultSocketPerIpPermitLimit, PerIpPermitLimit);

    /// <summary>Requests per player to authenticated HTTP endpoints per <see cref="PerPlayerWindow"/>. Default 100.</summary>
    public int PerPlayerPermitLimit { get; set; } = 100;

    /// <summary>The window of <see cref="PerPlayerPermitLimit"/>. Default 10 seconds.</summary>
    public TimeSpan PerPlayerWindow { get; set; } = TimeSpan.FromSeconds(10);
}
