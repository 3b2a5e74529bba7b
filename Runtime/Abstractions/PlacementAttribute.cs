namespace GameCluster;

/// <summary>Chooses the silo on which new activations of a grain class are placed.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class PlacementAttribute(string strategy) : Attribute
{
    /// <summary>The strategy name.</summary>
    public string Strategy { get; } = strategy;
}
