namespace GameCluster.Metadata;

/// <summary>Generated once per assembly: registers the assembly's grain interfaces, requests and grain classes.</summary>
public interface IManifestProvider
{
    /// <summary>Adds this assembly's entries.</summary>
    void Populate(ManifestBuilder builder);
}
