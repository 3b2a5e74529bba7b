namespace GameCluster.Gateway.Realtime;

/// <summary>Payload of <c>player.set_display_name</c>.</summary>
/// <param name="DisplayName">The new display name.</param>
public sealed record SetDisplayNamePayload(string? DisplayName);
