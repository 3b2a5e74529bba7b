using System.Collections.Immutable;

namespace GameCluster.Tests.TestGrains;

public enum Rarity
{
    Common,
    Rare,
    Legendary,
}

[GenerateSerializer]
public sealed class Inventory
{
    [Id(0)]
    public List<string> Items { get; set; } = [];

    [Id(1)]
    public Dictionary<string, int> Counts { get; set; } = [];
}

[GenerateSerializer]
public sealed record Item(
    [property: Id(0)] string Name,
    [property: Id(1)] Rarity Rarity,
    [property: Id(2)] int? Level,
    [property: Id(3)] decimal Price,
    [property: Id(4)] ImmutableArray<string> Tags);

[GenerateSerializer]
public sealed record LoadoutV1([property: Id(0)] string Name, [property: Id(1)] int Slots);

[GenerateSerializer]
public sealed record LoadoutV2([property: Id(0)] string Name, [property: Id(1)] int Slots, [property: Id(2)] List<Item>? Items);

[GenerateSerializer]
public sealed class Everything
{
    [Id(0)] public bool Flag { get; set; }
    [Id(1)] public byte Byte { get; set; }
    [Id(2)] public sbyte SByte { get; set; }
    [Id(3)] public short Short { get; set; }
    [Id(4)] public ushort UShort { get; set; }
    [Id(5)] public int Int { get; set; }
    [Id(6)] public uint UInt { get; set; }
    [Id(7)] public long Long { get; set; }
    [Id(8)] public ulong ULong { get; set; }
    [Id(9)] public char Char { get; set; }
    [Id(10)] public float Float { get; set; }
    [Id(11)] public double Double { get; set; }
    [Id(12)] public decimal Decimal { get; set; }
    [Id(13)] public string? Text { get; set; }
    [Id(14)] public Guid Guid { get; set; }
    [Id(15)] public DateTime DateTime { get; set; }
    [Id(16)] public DateTimeOffset DateTimeOffset { get; set; }
    [Id(17)] public TimeSpan TimeSpan { get; set; }
    [Id(18)] public byte[]? Bytes { get; set; }
    [Id(19)] public Rarity Rarity { get; set; }
    [Id(20)] public int? MaybeInt { get; set; }
    [Id(21)] public Item? Item { get; set; }
    [Id(22)] public List<Item>? Items { get; set; }
    [Id(23)] public Dictionary<string, List<int>>? Nested { get; set; }
    [Id(24)] public HashSet<Guid>? Ids { get; set; }
    [Id(25)] public int[]? Numbers { get; set; }
    [Id(26)] public ILifecycleGrain? Friend { get; set; }
    [Id(27)] public IReadOnlyDictionary<Rarity, string>? Names { get; set; }
    [Id(28)] public GrainId GrainId { get; set; }
}
