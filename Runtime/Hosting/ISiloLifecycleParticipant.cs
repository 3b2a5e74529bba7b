namespace GameCluster.Hosting;

/// <summary>A silo component started in stage order and stopped in reverse order.</summary>
public interface ISiloLifecycleParticipant
{
    /// <summary>The stage, from <see cref="SiloLifecycleStage"/>.</summary>
    int Stage { get; }

    /// <summary>A name for logs.</summary>
    string ParticipantName { get; }

    /// <summary>Starts the component.</summary>
    Task OnStartAsync(CancellationToken cancellationToken);

    /// <summary>Stops the component.</summary>
    Task OnStopAsync(CancellationToken cancellationToken);
}
