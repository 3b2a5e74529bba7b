namespace GameCluster.Hosting;

/// <summary>
/// The order in which silo components start; they stop in reverse. Stopping therefore runs: announce
/// ShuttingDown, stop reminders, drain and deactivate grains, announce Dead, close connections, storage last.
/// </summary>
public static class SiloLifecycleStage
{
    /// <summary>Storage schemas are applied.</summary>
    public const int Storage = 1000;

    /// <summary>The silo starts listening for silos and clients; on stop, connections close.</summary>
    public const int Messaging = 1500;

    /// <summary>The silo joins the cluster (Joining); on stop it announces Dead.</summary>
    public const int Membership = 2000;

    /// <summary>The catalog and call timeouts; on stop, activations are drained and deactivated.</summary>
    public const int Runtime = 2500;

    /// <summary>Reminders are loaded and scheduled.</summary>
    public const int Reminders = 3000;

    /// <summary>The silo announces itself Active; on stop, ShuttingDown, so no new activations are placed here.</summary>
    public const int Active = 4000;
}
