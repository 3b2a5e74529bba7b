namespace GameCluster.Hosting;

/// <summary>The silo's current state, for health checks and gateways.</summary>
public sealed class SiloStatus
{
    private volatile int _state = (int)SiloState.Starting;

    /// <summary>The current state.</summary>
    public SiloState State => (SiloState)_state;

    internal void Set(SiloState state) => _state = (int)state;
}
