namespace GameCluster.Gateway;

/// <summary>Gateway settings (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Whether this host serves the client API. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
