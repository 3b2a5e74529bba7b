namespace GameCluster.Metadata;

/// <summary>A grain class: its grain type name, interfaces, generated factory and scheduling attributes.</summary>
/// <param name="ClassType">The grain class.</param>
/// <param name="GrainType">The grain type name used in grain ids.</param>
/// <param name="Interfaces">The grain interfaces it implements.</param>
/// <param name="Create">Constructs an instance for an activation, resolving constructor parameters.</param>
public sealed record GrainClassInfo(Type ClassType, string GrainType, IReadOnlyList<Type> Interfaces, Func<IGrainContext, object> Create)
{
    /// <summary>Whether requests may interleave (<see cref="ReentrantAttribute"/>).</summary>
    public bool IsReentrant { get; init; }

    /// <summary>Whether the class is a <see cref="StatelessWorkerAttribute"/>.</summary>
    public bool IsStatelessWorker { get; init; }

    /// <summary>The most local activations of a stateless worker; 0 means one per processor.</summary>
    public int MaxLocalWorkers { get; init; }

    /// <summary>The placement strategy (<see cref="PlacementStrategies"/>); random unless the class says otherwise.</summary>
    public string Placement { get; init; } = PlacementStrategies.Random;

    /// <summary>A class-specific idle collection age (<see cref="CollectionAgeLimitAttribute"/>).</summary>
    public TimeSpan? CollectionAge { get; init; }
}
