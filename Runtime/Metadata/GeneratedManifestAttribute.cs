namespace GameCluster.Metadata;

/// <summary>Names the generated <see cref="IManifestProvider"/> of an assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class GeneratedManifestAttribute(Type providerType) : Attribute
{
    /// <summary>The provider type.</summary>
    public Type ProviderType { get; } = providerType;
}
