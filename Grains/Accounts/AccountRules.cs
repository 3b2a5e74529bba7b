using System.Buffers;

namespace GameCluster.Grains.Accounts;

/// <summary>Input rules of the account and token grains; a broken rule is an <see cref="ArgumentException"/>.</summary>
public static class AccountRules
{
    /// <summary>Key prefix of guest accounts.</summary>
    public const string DevicePrefix = "device:";

    /// <summary>Key prefix of username accounts.</summary>
    public const string UserPrefix = "user:";

    /// <summary>Shortest username.</summary>
    public const int MinUsernameLength = 3;

    /// <summary>Longest username.</summary>
    public const int MaxUsernameLength = 24;

    /// <summary>Shortest password.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>Longest password.</summary>
    public const int MaxPasswordLength = 128;

    /// <summary>Shortest device id.</summary>
    public const int MinDeviceIdLength = 8;

    /// <summary>Longest device id.</summary>
    public const int MaxDeviceIdLength = 128;

    /// <summary>The role every player account has.</summary>
    public const string PlayerRole = "player";

    private const int MaxSubjectLength = 128;
    private const int MaxRoles = 16;
    private const int MaxRoleLength = 32;

    private static readonly SearchValues<char> UsernameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
    private static readonly SearchValues<char> DeviceIdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-");
    private static readonly SearchValues<char> HexChars = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<char> Base64UrlChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
    private static readonly SearchValues<char> RoleChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>Which kind of account a key names.</summary>
    public enum AccountKind
    {
        /// <summary>A guest account of a device.</summary>
        Device,

        /// <summary>A username and password account.</summary>
        User,
    }

    /// <summary>Parses and validates an account grain key.</summary>
    public static AccountKind ParseAccountKey(string key)
    {
        if (key.StartsWith(DevicePrefix, StringComparison.Ordinal))
        {
            ValidateDeviceId(key[DevicePrefix.Length..]);
            return AccountKind.Device;
        }

        if (key.StartsWith(UserPrefix, StringComparison.Ordinal))
        {
            var username = key[UserPrefix.Length..];
            ValidateUsername(username);
            if (!string.Equals(username, username.ToLowerInvariant(), StringComparison.Ordinal))
            {
                throw new ArgumentException("An account key holds the normalized (lower-case) username.", nameof(key));
            }

            return AccountKind.User;
        }

        throw new ArgumentException("An account key starts with 'device:' or 'user:'.", nameof(key));
    }

    /// <summary>A username: 3 to 24 characters of letters, digits, '_', '.', '-'.</summary>
    public static void ValidateUsername(string? username)
    {
        if (username is null || username.Length is < MinUsernameLength or > MaxUsernameLength || username.AsSpan().ContainsAnyExcept(UsernameChars))
        {
            throw new ArgumentException($"A username has {MinUsernameLength} to {MaxUsernameLength} characters: letters, digits, '_', '.', '-'.", nameof(username));
        }
    }

    /// <summary>A password: 8 to 128 characters.</summary>
    public static void ValidatePassword(string? password)
    {
        if (password is null || password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            throw new ArgumentException($"A password has {MinPasswordLength} to {MaxPasswordLength} characters.", nameof(password));
        }
    }

    /// <summary>A device id: 8 to 128 characters of letters, digits, '_', '.', ':', '-'.</summary>
    public static void ValidateDeviceId(string? deviceId)
    {
        if (deviceId is null || deviceId.Length is < MinDeviceIdLength or > MaxDeviceIdLength || deviceId.AsSpan().ContainsAnyExcept(DeviceIdChars))
        {
            throw new ArgumentException($"A device id has {MinDeviceIdLength} to {MaxDeviceIdLength} characters: letters, digits, '_', '.', ':', '-'.", nameof(deviceId));
        }
    }

    /// <summary>A token or family id: 32 lower-case hex digits.</summary>
    public static void ValidateTokenId(string? id, string paramName)
    {
        if (id is null || id.Length != 32 || id.AsSpan().ContainsAnyExcept(HexChars))
        {
            throw new ArgumentException("An id has 32 lower-case hex digits.", paramName);
        }
    }

    /// <summary>A SHA-256 hash or 32-byte random value in base64url: 43 characters.</summary>
    public static void ValidateBase64Url256(string? value, string paramName)
    {
        if (value is null || value.Length != 43 || value.AsSpan().ContainsAnyExcept(Base64UrlChars))
        {
            throw new ArgumentException("Expected 32 bytes in base64url (43 characters).", paramName);
        }
    }

    /// <summary>A subject (player id or service subject): 1 to 128 characters of letters, digits, '_', '.', ':', '-'.</summary>
    public static void ValidateSubject(string? subject)
    {
        if (string.IsNullOrEmpty(subject) || subject.Length > MaxSubjectLength || subject.AsSpan().ContainsAnyExcept(DeviceIdChars))
        {
            throw new ArgumentException("A subject has 1 to 128 characters: letters, digits, '_', '.', ':', '-'.", nameof(subject));
        }
    }

    /// <summary>Roles: 1 to 16, each 1 to 32 characters of lower-case letters, digits, '_', '-'.</summary>
    public static void ValidateRoles(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count is 0 or > MaxRoles
            || roles.Any(r => string.IsNullOrEmpty(r) || r.Length > MaxRoleLength || r.AsSpan().ContainsAnyExcept(RoleChars)))
        {
            throw new ArgumentException($"Roles are 1 to {MaxRoles} names of lower-case letters, digits, '_', '-'.", nameof(roles));
        }
    }

    /// <summary>A lifetime between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static void ValidateLifetime(TimeSpan lifetime, TimeSpan min, TimeSpan max)
    {
        if (lifetime < min || lifetime > max)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A lifetime is between {min} and {max}.");
        }
    }
}
