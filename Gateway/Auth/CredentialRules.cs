using System.Buffers;

namespace GameCluster.Gateway.Auth;

/// <summary>
/// Checks of credential fields before any grain is called (the account grains check the same rules again). Each
/// check answers <see langword="null"/> when the value is valid, else the problem.
/// </summary>
public static class CredentialRules
{
    /// <summary>Account key prefix of guest accounts.</summary>
    public const string DeviceKeyPrefix = "device:";

    /// <summary>Account key prefix of username accounts.</summary>
    public const string UserKeyPrefix = "user:";

    private static readonly SearchValues<char> UsernameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
    private static readonly SearchValues<char> DeviceIdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-");

    /// <summary>3 to 24 characters: letters, digits, '_', '.', '-'.</summary>
    public static string? CheckUsername(string? username) =>
        username is { Length: >= 3 and <= 24 } && !username.AsSpan().ContainsAnyExcept(UsernameChars)
            ? null
            : "username: 3 to 24 characters: letters, digits, '_', '.', '-'.";

    /// <summary>8 to 128 characters.</summary>
    public static string? CheckPassword(string? password) =>
        password is { Length: >= 8 and <= 128 } ? null : "password: 8 to 128 characters.";

    /// <summary>8 to 128 characters: letters, digits, '_', '.', ':', '-'.</summary>
    public static string? CheckDeviceId(string? deviceId) =>
        deviceId is { Length: >= 8 and <= 128 } && !deviceId.AsSpan().ContainsAnyExcept(DeviceIdChars)
            ? null
            : "deviceId: 8 to 128 characters: letters, digits, '_', '.', ':', '-'.";

    /// <summary>A player id or other subject in a route: 1 to 128 characters of letters, digits, '_', '.', ':', '-'.</summary>
    public static string? CheckPlayerId(string? playerId) =>
        playerId is { Length: >= 1 and <= 128 } && !playerId.AsSpan().ContainsAnyExcept(DeviceIdChars)
            ? null
            : "playerId: 1 to 128 characters: letters, digits, '_', '.', ':', '-'.";

    /// <summary>The account grain key of a username (case-insensitive: normalized to lower case).</summary>
    public static string UserKey(string username) => UserKeyPrefix + username.ToLowerInvariant();

    /// <summary>The account grain key of a device.</summary>
    public static string DeviceKey(string deviceId) => DeviceKeyPrefix + deviceId;
}
