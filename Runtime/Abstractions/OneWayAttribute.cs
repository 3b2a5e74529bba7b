namespace GameCluster;

/// <summary>The caller does not wait for this grain interface method: the returned task completes once the call is sent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
