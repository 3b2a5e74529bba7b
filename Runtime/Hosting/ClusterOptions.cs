namespace GameCluster.Hosting;

/// <summary>
/// Which cluster a silo or client belongs to (configuration section <c>Cluster</c>). Silos with the same
/// <see cref="ServiceId"/> and <see cref="ClusterId"/> form one cluster; different ids can share one Redis.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cluster";

    /// <summary>
    /// The deployment: silos only join silos with the same cluster id (for example <c>prod-eu</c> or a blue/green
    /// deployment's id). Letters, digits, <c>.</c>, <c>_</c> and <c>-</c>. Default <c>dev</c>.
    /// </summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>
    /// The service: stays the same across deployments of one game backend. Letters, digits, <c>.</c>, <c>_</c> and
    /// <c>-</c>. Default <c>gamecluster</c>.
    /// </summary>
    public string ServiceId { get; set; } = "gamecluster";
}
