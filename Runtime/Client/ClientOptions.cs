namespace GameCluster.Client;

/// <summary>Cluster client settings (configuration section <c>Client</c>).</summary>
public sealed class ClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Client";

    /// <summary>How long start-up waits for an active silo. Default 30 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
