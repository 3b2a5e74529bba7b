using GameCluster.Invocation;

namespace GameCluster;

/// <summary>Key access and conversions for grains and grain references.</summary>
public static class GrainExtensions
{
    /// <summary>The grain id of a grain or a grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        GrainReference reference => reference.GrainId,
        Grain instance => instance.GrainId,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType()} is neither a grain nor a grain reference.", nameof(grain)),
    };

    /// <summary>The string key of a grain.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    /// <summary>The Guid key of a grain.</summary>
    public static Guid GetPrimaryKey(this IAddressable grain) => GrainKey.ToGuid(grain.GetGrainId().Key, out _);

    /// <summary>The Guid key and key extension of a grain.</summary>
    public static Guid GetPrimaryKey(this IAddressable grain, out string? keyExtension) =>
        GrainKey.ToGuid(grain.GetGrainId().Key, out keyExtension);

    /// <summary>The integer key of a grain.</summary>
    public static long GetPrimaryKeyLong(this IAddressable grain) => GrainKey.ToInt64(grain.GetGrainId().Key, out _);

    /// <summary>The integer key and key extension of a grain.</summary>
    public static long GetPrimaryKeyLong(this IAddressable grain, out string? keyExtension) =>
        GrainKey.ToInt64(grain.GetGrainId().Key, out keyExtension);

    /// <summary>
    /// A reference to this grain typed as another of its interfaces. Inside a grain, use it to pass the grain
    /// itself to other grains.
    /// </summary>
    public static TGrainInterface AsReference<TGrainInterface>(this IAddressable grain) where TGrainInterface : IAddressable => grain switch
    {
        TGrainInterface reference when grain is GrainReference => reference,
        GrainReference reference => reference.Cast<TGrainInterface>(),
        Grain instance => instance.GrainContext.AsReference<TGrainInterface>(),
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType()} is neither a grain nor a grain reference.", nameof(grain)),
    };
}
