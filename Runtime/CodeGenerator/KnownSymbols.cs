using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>The runtime's symbols that generation depends on, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol addressable)
    {
        Compilation = compilation;
        Addressable = addressable;
        Grain = compilation.GetTypeByMetadataName("GameCluster.Grain");
        GenerateSerializer = compilation.GetTypeByMetadataName("GameCluster.GenerateSerializerAttribute");
        Id = compilation.GetTypeByMetadataName("GameCluster.IdAttribute");
        Immutable = compilation.GetTypeByMetadataName("GameCluster.ImmutableAttribute");
        ReadOnly = compilation.GetTypeByMetadataName("GameCluster.ReadOnlyAttribute");
        AlwaysInterleave = compilation.GetTypeByMetadataName("GameCluster.AlwaysInterleaveAttribute");
        OneWay = compilation.GetTypeByMetadataName("GameCluster.OneWayAttribute");
        Reentrant = compilation.GetTypeByMetadataName("GameCluster.ReentrantAttribute");
        StatelessWorker = compilation.GetTypeByMetadataName("GameCluster.StatelessWorkerAttribute");
        GrainType = compilation.GetTypeByMetadataName("GameCluster.GrainTypeAttribute");
        CollectionAgeLimit = compilation.GetTypeByMetadataName("GameCluster.CollectionAgeLimitAttribute");
        PersistentState = compilation.GetTypeByMetadataName("GameCluster.PersistentStateAttribute");
        Placement = compilation.GetTypeByMetadataName("GameCluster.PlacementAttribute");
        PersistentStateInterface = compilation.GetTypeByMetadataName("GameCluster.IPersistentState`1");
        GrainIdType = compilation.GetTypeByMetadataName("GameCluster.GrainId");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        ImmutableArray = compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableArray`1");
        ListTypes = Resolve(compilation,
            "System.Collections.Generic.List`1", "System.Collections.Generic.IList`1", "System.Collections.Generic.ICollection`1",
            "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyCollection`1");
        SetTypes = Resolve(compilation,
            "System.Collections.Generic.HashSet`1", "System.Collections.Generic.ISet`1", "System.Collections.Generic.IReadOnlySet`1");
        DictionaryTypes = Resolve(compilation,
            "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2");
        MarkerInterfaces = new HashSet<INamedTypeSymbol>(
            Resolve(compilation,
                "GameCluster.IAddressable", "GameCluster.IGrain", "GameCluster.IGrainWithStringKey", "GameCluster.IGrainWithGuidKey",
                "GameCluster.IGrainWithIntegerKey", "GameCluster.IGrainWithGuidCompoundKey", "GameCluster.IGrainWithIntegerCompoundKey",
                "GameCluster.IGrainObserver"),
            SymbolEqualityComparer.Default);
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol Addressable { get; }

    public INamedTypeSymbol? Grain { get; }

    public INamedTypeSymbol? GenerateSerializer { get; }

    public INamedTypeSymbol? Id { get; }

    public INamedTypeSymbol? Immutable { get; }

    public INamedTypeSymbol? ReadOnly { get; }

    public INamedTypeSymbol? AlwaysInterleave { get; }

    public INamedTypeSymbol? OneWay { get; }

    public INamedTypeSymbol? Reentrant { get; }

    public INamedTypeSymbol? StatelessWorker { get; }

    public INamedTypeSymbol? GrainType { get; }

    public INamedTypeSymbol? CollectionAgeLimit { get; }

    public INamedTypeSymbol? PersistentState { get; }

    public INamedTypeSymbol? Placement { get; }

    public INamedTypeSymbol? PersistentStateInterface { get; }

    public INamedTypeSymbol? GrainIdType { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? ImmutableArray { get; }

    public IReadOnlyList<INamedTypeSymbol> ListTypes { get; }

    public IReadOnlyList<INamedTypeSymbol> SetTypes { get; }

    public IReadOnlyList<INamedTypeSymbol> DictionaryTypes { get; }

    public HashSet<INamedTypeSymbol> MarkerInterfaces { get; }

    public static KnownSymbols? Create(Compilation compilation)
    {
        var addressable = compilation.GetTypeByMetadataName("GameCluster.IAddressable");
        return addressable is null ? null : new KnownSymbols(compilation, addressable);
    }

    public static bool Is(ISymbol? symbol, ISymbol? other) => other is not null && SymbolEqualityComparer.Default.Equals(symbol, other);

    public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null && symbol.GetAttributes().Any(a => Is(a.AttributeClass, attribute));

    public AttributeData? GetAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is null ? null : symbol.GetAttributes().FirstOrDefault(a => Is(a.AttributeClass, attribute));

    public bool IsGrainInterface(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Interface } named
        && !MarkerInterfaces.Contains(named)
        && named.AllInterfaces.Any(i => Is(i, Addressable));

    public bool IsGrainClass(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType || Grain is null)
        {
            return false;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (Is(current, Grain))
            {
                return true;
            }
        }

        return false;
    }

    private static List<INamedTypeSymbol> Resolve(Compilation compilation, params string[] names) =>
        names.Select(compilation.GetTypeByMetadataName).Where(t => t is not null).Select(t => t!).ToList();
}
