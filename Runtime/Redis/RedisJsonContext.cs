using System.Text.Json.Serialization;
using GameCluster.GrainDirectory;
using GameCluster.Membership;

namespace GameCluster.Redis;

/// <summary>
/// Generated System.Text.Json serializers of what the clustering providers store in Redis. Compact output with
/// properties in declaration order: the membership scripts find <c>"etag"</c> and <c>"iAmAliveTime"</c> in it.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, WriteIndented = false)]
[JsonSerializable(typeof(RedisMembershipRecord))]
[JsonSerializable(typeof(RedisGrainDirectoryRecord))]
[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
