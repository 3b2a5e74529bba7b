namespace GameCluster.Hosting;

/// <summary>Where the silo is in its life.</summary>
public enum SiloState
{
    /// <summary>Starting its components.</summary>
    Starting,

    /// <summary>Serving grains.</summary>
    Active,

    /// <summary>Draining and deactivating.</summary>
    ShuttingDown,

    /// <summary>Stopped.</summary>
    Stopped,
}
