namespace GameCluster;

/// <summary>
/// Instances of this type are never mutated after creation, so local calls pass them by reference instead of
/// copying them.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
