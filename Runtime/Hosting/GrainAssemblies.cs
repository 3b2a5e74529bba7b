using System.Reflection;

namespace GameCluster.Hosting;

/// <summary>The assemblies whose generated manifests the silo or client loads.</summary>
internal sealed class GrainAssemblies
{
    public List<Assembly> Assemblies { get; } = [];
}
