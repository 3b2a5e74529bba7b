using System.Text.Json.Serialization;

namespace GameCluster.Membership;

/// <summary>A suspicion vote as stored inside a <see cref="RedisMembershipRecord"/>.</summary>
internal sealed record RedisSuspicionRecord(
    [property: JsonPropertyName("voter")] string Voter,
    [property: JsonPropertyName("time")] DateTimeOffset Time);
