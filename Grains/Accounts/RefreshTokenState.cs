namespace GameCluster.Grains.Accounts;

/// <summary>The stored state of a refresh token.</summary>
public sealed class RefreshTokenState
{
    /// <summary>The family (one per sign-in).</summary>
    public string FamilyId { get; set; } = string.Empty;

    /// <summary>The subject.</summary>
    public string PlayerId { get; set; } = string.Empty;

    /// <summary>The subject's roles.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>SHA-256 of the token's secret (base64url).</summary>
    public string SecretHash { get; set; } = string.Empty;

    /// <summary>When the token was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the token was used for rotation; <see langword="null"/> while unused.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
