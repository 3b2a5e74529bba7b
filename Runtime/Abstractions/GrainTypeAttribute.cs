namespace GameCluster;

/// <summary>
/// Names the grain type of a grain class, as stored in <see cref="GrainId.Type"/> and in persisted state.
/// Without it the name is the class name, lower-cased, with a trailing <c>Grain</c> removed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string GrainType { get; } = grainType;
}
