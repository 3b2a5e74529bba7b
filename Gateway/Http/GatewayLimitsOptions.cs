namespace GameCluster.Gateway.Http;

/// <summary>Request size limits of the gateway (configuration section <c>Gateway:Limits</c>).</summary>
public sealed class GatewayLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Limits";

    /// <summary>The largest HTTP request body. Default 64 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
