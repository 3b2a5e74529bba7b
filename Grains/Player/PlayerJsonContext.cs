using System.Text.Json.Serialization;

namespace GameCluster.Grains.Player;

/// <summary>JSON of the player's push events (snake_case, like the realtime protocol).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PlayerProfile))]
internal sealed partial class PlayerJsonContext : JsonSerializerContext;
