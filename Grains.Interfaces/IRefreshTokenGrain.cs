namespace GameCluster.Grains;

/// <summary>
/// One refresh token (key = token id). The grain keeps only a hash of the token's secret. A token is used once:
/// rotation marks it used and creates the next token of the same family; presenting a used token again revokes
/// the whole family (reuse detection).
/// </summary>
public interface IRefreshTokenGrain : IGrainWithStringKey
{
    /// <summary>Creates the token; fails with <see cref="InvalidOperationException"/> when it already exists.</summary>
    Task<DateTimeOffset> CreateAsync(RefreshTokenGrant grant);

    /// <summary>
    /// Uses the token: when <paramref name="secretHash"/> matches and the token is unused, unexpired and its family
    /// not revoked, marks it used and creates <paramref name="nextTokenId"/> in the same family.
    /// </summary>
    Task<RefreshTokenResult> RotateAsync(string secretHash, string nextTokenId, string nextSecretHash, TimeSpan lifetime);

    /// <summary>Revokes the token's family (logout); <see langword="false"/> when the token or secret is unknown.</summary>
    Task<bool> RevokeAsync(string secretHash);
}
