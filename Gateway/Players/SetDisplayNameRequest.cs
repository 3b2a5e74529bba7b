namespace GameCluster.Gateway.Players;

/// <summary>Body of <c>PATCH /api/v1/players/{playerId}/profile</c>.</summary>
/// <param name="DisplayName">The new display name: 3 to 24 characters, no control characters, trimmed.</param>
public sealed record SetDisplayNameRequest(string? DisplayName);
