using GameCluster.Runtime;

namespace GameCluster.Hosting;

/// <summary>On stop, drains running requests and deactivates every activation before storage goes away.</summary>
internal sealed class CatalogLifecycle(Catalog catalog, CallTimeoutTracker timeouts) : ISiloLifecycleParticipant
{
    public int Stage => SiloLifecycleStage.Runtime;

    public string ParticipantName => "catalog";

    public Task OnStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await catalog.DeactivateAllAsync(cancellationToken);
        timeouts.Dispose();
    }
}
