namespace GameCluster;

/// <summary>
/// The stable wire id of a serialized member. Ids never change once shipped: a reader skips ids it does not know
/// and leaves members whose id is absent at their default, so old and new versions interoperate.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class IdAttribute(uint id) : Attribute
{
    /// <summary>The wire id.</summary>
    public uint Id { get; } = id;
}
