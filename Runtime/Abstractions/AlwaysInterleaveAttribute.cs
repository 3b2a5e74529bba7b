namespace GameCluster;

/// <summary>Calls to this grain interface method may interleave with any other request of the grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
