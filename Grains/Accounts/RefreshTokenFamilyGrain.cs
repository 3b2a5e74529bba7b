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
        await family.WriteStateAsync();
    }
}
