using System.Text.Json.Serialization;

namespace GameCluster.Membership;

/// <summary>
/// One silo's field in the Redis membership hash: the entry plus the row's ETag. The names are fixed (the Lua
/// scripts match <c>{"etag":"...</c> at the start and patch <c>"iAmAliveTime":"..."</c> in place); times are UTC.
/// </summary>
internal sealed record RedisMembershipRecord(
    [property: JsonPropertyName("etag"), JsonPropertyOrder(-1)] string ETag,
    [property: JsonPropertyName("silo")] string Silo,
    [property: JsonPropertyName("status")] MembershipStatus Status,
    [property: JsonPropertyName("siloName")] string SiloName,
    [property: JsonPropertyName("startTime")] DateTimeOffset StartTime,
    [property: JsonPropertyName("iAmAliveTime")] DateTimeOffset IAmAliveTime,
    [property: JsonPropertyName("suspicions")] IReadOnlyList<RedisSuspicionRecord> Suspicions)
{
    /// <summary>The stored shape of <paramref name="entry"/> with row ETag <paramref name="etag"/>.</summary>
    public static RedisMembershipRecord From(MembershipEntry entry, string etag) => new(
        etag,
        entry.Silo.ToString(),
        entry.Status,
        entry.SiloName,
        entry.StartTime.ToUniversalTime(),
        entry.IAmAliveTime.ToUniversalTime(),
        [.. entry.Suspicions.Select(vote => new RedisSuspicionRecord(vote.Voter.ToString(), vote.Time.ToUniversalTime()))]);

    /// <summary>The row this record stores.</summary>
    public MembershipRow ToRow() => new(
        new MembershipEntry(
            SiloAddress.Parse(Silo),
            Status,
            SiloName,
            StartTime,
            IAmAliveTime,
            [.. (Suspicions ?? []).Select(vote => new SuspicionVote(SiloAddress.Parse(vote.Voter), vote.Time))]),
        ETag);
}
