namespace GameCluster.Gateway.Auth;

/// <summary>Body of <c>POST /api/v1/auth/guest</c>.</summary>
/// <param name="DeviceId">The device's id: 8 to 128 characters of letters, digits, '_', '.', ':', '-'.</param>
public sealed record GuestLoginRequest(string? DeviceId);
