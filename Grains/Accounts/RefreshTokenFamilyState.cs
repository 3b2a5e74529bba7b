namespace GameCluster.Grains.Accounts;

/// <summary>The stored state of a refresh token family.</summary>
public sealed class RefreshTokenFamilyState
{
    /// <summary>When the family was revoked; <see langword="null"/> while it is valid.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
