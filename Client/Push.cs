using System.Text.Json;

namespace GameCluster.Client;

/// <summary>A server push.</summary>
/// <param name="Seq">The per-player sequence number: consecutive, never reused.</param>
/// <param name="Event">The event name, e.g. <c>profile_changed</c>.</param>
/// <param name="Data">The event's JSON data (read it with <c>JsonSerializer.Deserialize</c>).</param>
/// <param name="At">When the push was made (gateway clock).</param>
public sealed record Push(long Seq, string Event, JsonElement Data, DateTimeOffset At);
