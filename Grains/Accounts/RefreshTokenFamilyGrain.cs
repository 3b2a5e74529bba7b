namespace GameCluster.Grains.Accounts;

/// <summary>A refresh token family: revoked on logout or when a used token is presented again.</summary>
public sealed class RefreshTokenFamilyGrain(
    [PersistentState("family")] IPersistentState<RefreshTokenFamilyState> family,
    TimeProvider timeProvider) : Grain, IRefreshTokenFamilyGrain
{
    /// <inheritdoc />
    public Task<bool> IsRevokedAsync() => Task.FromResult(family.State.RevokedAt is not null);

    /// <inheritdoc />
    public async Task RevokeAsync()
    {
        AccountRules.ValidateTokenId(this.GetPrimaryKeyString(), "familyId");
        if (family.State.RevokedAt is not null)
        {
            return;
        }

        family.State.RevokedAt = timeProvider.GetUtcNow();

        // Every token of the family was made before this moment and lives at most the longest lifetime: after that
        // the revocation guards nothing.
        family.ExpiresAt = family.State.RevokedAt + RefreshTokenGrain.MaxLifetime;
        await family.WriteStateAsync();
    }
}
