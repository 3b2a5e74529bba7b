namespace GameCluster;

/// <summary>Describes one reminder tick.</summary>
[GenerateSerializer]
[Immutable]
public readonly record struct TickStatus(
    [property: Id(0)] DateTimeOffset FirstTickTime,
    [property: Id(1)] TimeSpan Period,
    [property: Id(2)] DateTimeOffset CurrentTickTime);
