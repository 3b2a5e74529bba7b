using System.Text.Json.Serialization;
using GameCluster.Membership;

namespace GameCluster.GrainDirectory;

/// <summary>
/// The value of a grain's directory key in Redis. The Lua scripts compare <c>silo</c> and <c>activationId</c>
/// (decoded with cjson), so the names are fixed.
/// </summary>
internal sealed record RedisGrainDirectoryRecord(
    [property: JsonPropertyName("grainType")] string GrainType,
    [property: JsonPropertyName("grainKey")] string GrainKey,
    [property: JsonPropertyName("silo")] string Silo,
    [property: JsonPropertyName("activationId")] string ActivationId)
{
    /// <summary>The stored shape of <paramref name="address"/>.</summary>
    public static RedisGrainDirectoryRecord From(GrainAddress address) =>
        new(address.GrainId.Type, address.GrainId.Key, address.Silo.ToString(), address.ActivationId);

    /// <summary>The address this record stores.</summary>
    public GrainAddress ToAddress() => new(new GrainId(GrainType, GrainKey), SiloAddress.Parse(Silo), ActivationId);
}
