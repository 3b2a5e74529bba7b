namespace GameCluster;

/// <summary>This grain interface method does not change state: it may interleave with other read-only requests.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
