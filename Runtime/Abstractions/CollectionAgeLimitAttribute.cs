namespace GameCluster;

/// <summary>Overrides the idle age after which activations of this grain class are collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Idle minutes before collection.</summary>
    public double Minutes { get; init; }

    /// <summary>Idle seconds before collection; added to <see cref="Minutes"/>.</summary>
    public double Seconds { get; init; }
}
