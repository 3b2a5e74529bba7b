namespace GameCluster.Hosting;

/// <summary>The order in which silo components start (and, reversed, stop).</summary>
public static class SiloLifecycleStage
{
    /// <summary>Storage schemas are applied.</summary>
    public const int Storage = 1000;

    /// <summary>The catalog and call timeouts; on stop, activations are drained and deactivated.</summary>
    public const int Runtime = 2000;

    /// <summary>Reminders are loaded and scheduled.</summary>
    public const int Reminders = 3000;

    /// <summary>The silo serves (membership, gateways).</summary>
    public const int Active = 4000;
}
