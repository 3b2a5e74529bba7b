using System.Text.Json;
using System.Text.Json.Serialization;

namespace GameCluster.Client.Json;

/// <summary>Source-generated JSON of the HTTP API (camelCase, web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuthTokens))]
[JsonSerializable(typeof(PlayerProfile))]
[JsonSerializable(typeof(ConnectNonce))]
[JsonSerializable(typeof(GuestLoginBody))]
[JsonSerializable(typeof(CredentialsBody))]
[JsonSerializable(typeof(RefreshTokenBody))]
[JsonSerializable(typeof(DisplayNameBody))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
