using System.Buffers;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Auth;

/// <summary>Validates <see cref="AuthOptions"/>, reporting every problem at once.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <summary>The fewest bytes of an HS256 signing key.</summary>
    public const int MinSigningKeyBytes = 32;

    private static readonly SearchValues<char> NameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
    private static readonly SearchValues<char> RoleChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Auth:Issuer is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Auth:Audience is required.");
        }

        if (!string.IsNullOrEmpty(options.SigningKey) && !IsValidKey(options.SigningKey))
        {
            failures.Add($"Auth:SigningKey must be base64 of at least {MinSigningKeyBytes} bytes.");
        }

        RequireRange(failures, "Auth:AccessTokenLifetime", options.AccessTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        RequireRange(failures, "Auth:RefreshTokenLifetime", options.RefreshTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        RequireRange(failures, "Auth:NonceLifetime", options.NonceLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        RequireRange(failures, "Auth:ClockSkew", options.ClockSkew, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        if (options.RefreshTokenLifetime <= options.AccessTokenLifetime)
        {
            failures.Add("Auth:RefreshTokenLifetime must be longer than Auth:AccessTokenLifetime.");
        }

        HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.ServiceAccounts.Count; i++)
        {
            var account = options.ServiceAccounts[i];
            var prefix = $"Auth:ServiceAccounts:{i}";
            if (account.Name is not { Length: >= 3 and <= 64 } || account.Name.AsSpan().ContainsAnyExcept(NameChars))
            {
                failures.Add($"{prefix}:Name must have 3 to 64 characters: letters, digits, '_', '.', '-'.");
            }
            else if (!names.Add(account.Name))
            {
                failures.Add($"{prefix}:Name '{account.Name}' is configured twice.");
            }

            if (account.Secret is not { Length: >= 16 and <= 256 })
            {
                failures.Add($"{prefix}:Secret must have 16 to 256 characters.");
            }

            if (account.Roles.Count == 0)
            {
                failures.Add($"{prefix}:Roles needs at least one role.");
            }

            foreach (var role in account.Roles)
            {
                if (role is not { Length: >= 1 and <= 32 } || role.AsSpan().ContainsAnyExcept(RoleChars))
                {
                    failures.Add($"{prefix}:Roles: '{role}' is not a role (lower-case letters, digits, '_', '-').");
                }
                else if (role == GatewayClaims.PlayerRole)
                {
                    failures.Add($"{prefix}:Roles: a service account cannot have the '{GatewayClaims.PlayerRole}' role.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Whether <paramref name="base64"/> is base64 of at least <see cref="MinSigningKeyBytes"/> bytes.</summary>
    public static bool IsValidKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written >= MinSigningKeyBytes;
    }

    private static void RequireRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max}; it is {value}.");
        }
    }
}
