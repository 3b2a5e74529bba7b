namespace GameCluster.Grains.Accounts;

/// <summary>The stored state of an account.</summary>
public sealed class AccountState
{
    /// <summary>The player id the account created.</summary>
    public string PlayerId { get; set; } = string.Empty;

    /// <summary>The PBKDF2 hash of the password; <see langword="null"/> for a guest account.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>The account's roles.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the account last signed in.</summary>
    public DateTimeOffset LastSignInAt { get; set; }
}
