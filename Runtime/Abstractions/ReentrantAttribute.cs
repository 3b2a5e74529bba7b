namespace GameCluster;

/// <summary>Requests to this grain class may interleave: a new request can start while another awaits.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
