namespace GameCluster.Grains;

/// <summary>The family of refresh tokens issued by one sign-in (key = family id); revoking it ends them all.</summary>
public interface IRefreshTokenFamilyGrain : IGrainWithStringKey
{
    /// <summary>Whether the family was revoked.</summary>
    [ReadOnly]
    Task<bool> IsRevokedAsync();

    /// <summary>Revokes the family; idempotent.</summary>
    Task RevokeAsync();
}
