namespace GameCluster.Client.Json;

/// <summary>Body of <c>POST /api/v1/auth/guest</c>.</summary>
internal sealed record GuestLoginBody(string DeviceId);
