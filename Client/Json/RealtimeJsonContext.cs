using System.Text.Json;
using System.Text.Json.Serialization;

namespace GameCluster.Client.Json;

/// <summary>Source-generated JSON of realtime payloads (snake_case, like the gateway).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PlayerProfile))]
[JsonSerializable(typeof(DisplayNameBody))]
[JsonSerializable(typeof(IncrementPayload))]
[JsonSerializable(typeof(IncrementResult))]
[JsonSerializable(typeof(PongResult))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;
