namespace GameCluster.Membership;

/// <summary>This silo's address, fixed once the listener is bound.</summary>
public sealed class LocalSilo
{
    private SiloAddress? _address;

    /// <summary>This silo's address.</summary>
    public SiloAddress Address => _address ?? throw new InvalidOperationException("The silo has not bound its endpoint yet.");

    /// <summary>Whether the address is known.</summary>
    public bool IsBound => _address is not null;

    /// <summary>The silo's name.</summary>
    public string Name { get; internal set; } = Environment.MachineName;

    internal void Bind(SiloAddress address) => _address = address;
}
