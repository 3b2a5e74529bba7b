namespace GameCluster;

/// <summary>
/// Injects an <see cref="IPersistentState{TState}"/> into a grain constructor parameter. The state is read before
/// <see cref="Grain.OnActivateAsync"/> runs.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state's name, unique within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The name of the registered grain storage; <c>Default</c> when omitted.</summary>
    public string? StorageName { get; } = storageName;
}
