namespace GameCluster.Membership;

/// <summary>This silo's network identity (configuration section <c>Silo</c>).</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Silo";

    /// <summary>A name for logs and the dashboard. Default: the machine name.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>The address other silos and clients use to reach this silo. Default <c>127.0.0.1</c>; in Kubernetes, the pod IP.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>The address to listen on. Default <c>0.0.0.0</c> (all interfaces).</summary>
    public string ListenHost { get; set; } = "0.0.0.0";

    /// <summary>The TCP port for silo-to-silo and client traffic. Default 11111; 0 picks a free port.</summary>
    public int Port { get; set; } = 11111;
}
