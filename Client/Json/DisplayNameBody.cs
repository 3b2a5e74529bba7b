namespace GameCluster.Client.Json;

/// <summary>Body of <c>PATCH /api/v1/players/{id}/profile</c> and payload of <c>player.set_display_name</c>.</summary>
internal sealed record DisplayNameBody(string DisplayName);
