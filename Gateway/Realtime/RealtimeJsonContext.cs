using System.Text.Json.Serialization;
using GameCluster.Grains;

namespace GameCluster.Gateway.Realtime;

/// <summary>Source-generated JSON of realtime payloads: snake_case, numbers never read from strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(SetDisplayNamePayload))]
[JsonSerializable(typeof(IncrementPayload))]
[JsonSerializable(typeof(IncrementResult))]
[JsonSerializable(typeof(ResumePayload))]
[JsonSerializable(typeof(PongResult))]
[JsonSerializable(typeof(PlayerProfile))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;
