namespace GameCluster.Client;

/// <summary>A player's profile.</summary>
/// <param name="PlayerId">The player id.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Counter">The player's counter (see <see cref="RealtimeConnection.IncrementAsync"/>).</param>
/// <param name="UpdatedAt">When the profile last changed.</param>
public sealed record PlayerProfile(string PlayerId, string DisplayName, long Counter, DateTimeOffset UpdatedAt);
