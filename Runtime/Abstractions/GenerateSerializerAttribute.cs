namespace GameCluster;

/// <summary>
/// The build generates a binary serializer and a deep copier for this type, so it can cross a grain boundary.
/// Serialized members carry <see cref="IdAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class GenerateSerializerAttribute : Attribute;
