using System.Collections.Frozen;
using System.Reflection;
using GameCluster.Invocation;

namespace GameCluster.Metadata;

/// <summary>
/// Everything the runtime knows about grain interfaces and classes, read once at start from the generated manifest
/// providers of the registered assemblies.
/// </summary>
public sealed class GrainManifest
{
    private readonly FrozenDictionary<Type, GrainInterfaceInfo> _interfaces;
    private readonly FrozenDictionary<string, GrainClassInfo> _classes;
    private readonly FrozenDictionary<Type, string> _grainTypeByInterface;
    private readonly FrozenSet<Type> _ambiguousInterfaces;
    private readonly FrozenDictionary<string, Func<RequestBase>> _requests;
    private readonly FrozenDictionary<uint, Func<RequestBase>> _requestsById;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _grainTypeNames;

    private GrainManifest(ManifestBuilder builder)
    {
        _interfaces = builder.Interfaces.DistinctBy(i => i.InterfaceType).ToFrozenDictionary(i => i.InterfaceType);
        var classes = new Dictionary<string, GrainClassInfo>(StringComparer.Ordinal);
        foreach (var info in builder.Classes)
        {
            if (classes.TryGetValue(info.GrainType, out var existing) && existing.ClassType != info.ClassType)
            {
                throw new InvalidOperationException(
                    $"Grain classes {existing.ClassType} and {info.ClassType} both use grain type '{info.GrainType}'. Give one a [GrainType].");
            }

            classes[info.GrainType] = info;
        }

        _classes = classes.ToFrozenDictionary(StringComparer.Ordinal);
        var byInterface = new Dictionary<Type, string>();
        var ambiguous = new HashSet<Type>();
        foreach (var info in classes.Values)
        {
            foreach (var iface in info.Interfaces)
            {
                if (!byInterface.TryAdd(iface, info.GrainType))
                {
                    ambiguous.Add(iface);
                }
            }
        }

        _grainTypeByInterface = byInterface.ToFrozenDictionary();
        _ambiguousInterfaces = ambiguous.ToFrozenSet();
        var requests = builder.Requests.DistinctBy(r => r.Metadata.MethodKey).ToList();
        _requests = requests.ToFrozenDictionary(r => r.Metadata.MethodKey, r => r.Create, StringComparer.Ordinal);
        var byId = new Dictionary<uint, (RequestMetadata Metadata, Func<RequestBase> Create)>();
        foreach (var registration in requests)
        {
            if (!byId.TryAdd(registration.Metadata.MethodId, registration))
            {
                throw new InvalidOperationException(
                    $"Grain methods '{byId[registration.Metadata.MethodId].Metadata.MethodKey}' and '{registration.Metadata.MethodKey}' have the same method id "
                    + $"{registration.Metadata.MethodId:x8}. Rename one of them.");
            }
        }

        _requestsById = byId.ToFrozenDictionary(static p => p.Key, static p => p.Value.Create);
        _grainTypeNames = classes.Keys
            .Append(Messaging.ObserverRegistry.GrainType)
            .ToFrozenDictionary(static t => t, static t => t, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>All grain classes.</summary>
    public IEnumerable<GrainClassInfo> GrainClasses => _classes.Values;

    /// <summary>Builds the manifest from the generated providers of <paramref name="assemblies"/> and the assemblies they reference.</summary>
    public static GrainManifest FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var builder = new ManifestBuilder();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>(assemblies.Append(typeof(GrainManifest).Assembly));
        while (pending.TryPop(out var assembly))
        {
            if (!visited.Add(assembly.FullName ?? assembly.GetName().Name ?? string.Empty))
            {
                continue;
            }

            foreach (var attribute in assembly.GetCustomAttributes<GeneratedManifestAttribute>())
            {
                var provider = (IManifestProvider)Activator.CreateInstance(attribute.ProviderType)!;
                provider.Populate(builder);
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (IsFrameworkAssembly(reference) || visited.Contains(reference.FullName))
                {
                    continue;
                }

                if (TryLoad(reference) is { } loaded)
                {
                    pending.Push(loaded);
                }
            }
        }

        return new GrainManifest(builder);
    }

    /// <summary>The interface entry for a grain interface type.</summary>
    public GrainInterfaceInfo GetInterface(Type interfaceType) =>
        _interfaces.TryGetValue(interfaceType, out var info)
            ? info
            : throw new ArgumentException(
                $"{interfaceType} is not a known grain interface. Is its assembly registered with the silo or client, and does it build with the code generator?");

    /// <summary>The grain type implementing a grain interface.</summary>
    public string GetGrainType(Type interfaceType)
    {
        if (_grainTypeByInterface.TryGetValue(interfaceType, out var grainType) && !_ambiguousInterfaces.Contains(interfaceType))
        {
            return grainType;
        }

        throw new ArgumentException(_ambiguousInterfaces.Contains(interfaceType)
            ? $"Several grain classes implement {interfaceType}; get the grain by a GrainId instead."
            : $"No grain class implements {interfaceType}.");
    }

    /// <summary>The grain class for a grain type, or <see langword="null"/>.</summary>
    public GrainClassInfo? GetGrainClass(string grainType) => _classes.GetValueOrDefault(grainType);

    /// <summary>Creates an empty request object for a method key, or <see langword="null"/> when the key is unknown.</summary>
    public RequestBase? CreateRequest(string methodKey) => _requests.TryGetValue(methodKey, out var create) ? create() : null;

    /// <summary>Creates an empty request object for a method id, or <see langword="null"/> when the id is unknown.</summary>
    public RequestBase? CreateRequest(uint methodId) => _requestsById.TryGetValue(methodId, out var create) ? create() : null;

    /// <summary>The grain type string equal to <paramref name="name"/>, when it is a known grain type: lets decoders reuse one string.</summary>
    public bool TryGetGrainTypeName(ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? grainType) =>
        _grainTypeNames.TryGetValue(name, out grainType);

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            // An optional reference that is not deployed cannot hold grains this process needs.
            return null;
        }
    }

    private static bool IsFrameworkAssembly(AssemblyName name) =>
        name.Name is null
        || name.Name.StartsWith("System", StringComparison.Ordinal)
        || name.Name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name.Name.StartsWith("netstandard", StringComparison.Ordinal)
        || name.Name.StartsWith("mscorlib", StringComparison.Ordinal)
        || name.Name.StartsWith("xunit", StringComparison.Ordinal)
        || name.Name.StartsWith("Npgsql", StringComparison.Ordinal)
        || name.Name.StartsWith("SQLitePCL", StringComparison.Ordinal)
        || name.Name.StartsWith("StackExchange", StringComparison.Ordinal);
}
