using System.Security.Cryptography;
using System.Text;

namespace GameCluster.Grains.Accounts;

/// <summary>One refresh token: used once, rotated within its family, reuse revokes the family.</summary>
public sealed class RefreshTokenGrain(
    [PersistentState("token")] IPersistentState<RefreshTokenState> token,
    TimeProvider timeProvider) : Grain, IRefreshTokenGrain
{
    /// <summary>The shortest refresh token lifetime.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The longest refresh token lifetime.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    /// <inheritdoc />
    public async Task<DateTimeOffset> CreateAsync(RefreshTokenGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        AccountRules.ValidateTokenId(this.GetPrimaryKeyString(), "tokenId");
        AccountRules.ValidateTokenId(grant.FamilyId, nameof(grant.FamilyId));
        AccountRules.ValidateSubject(grant.PlayerId);
        AccountRules.ValidateRoles(grant.Roles);
        AccountRules.ValidateBase64Url256(grant.SecretHash, nameof(grant.SecretHash));
        AccountRules.ValidateLifetime(grant.Lifetime, MinLifetime, MaxLifetime);
        if (token.RecordExists)
        {
            throw new InvalidOperationException("This refresh token exists already.");
        }

        var now = timeProvider.GetUtcNow();
        token.State = new RefreshTokenState
        {
            FamilyId = grant.FamilyId,
            PlayerId = grant.PlayerId,
            Roles = [.. grant.Roles],
            SecretHash = grant.SecretHash,
            CreatedAt = now,
            ExpiresAt = now + grant.Lifetime,
        };

        // Past its expiry a token is useless: storage deletes it then (a used one is kept until then, for reuse detection).
        token.ExpiresAt = token.State.ExpiresAt;
        await token.WriteStateAsync();
        return token.State.ExpiresAt;
    }

    /// <inheritdoc />
    public async Task<RefreshTokenResult> RotateAsync(string secretHash, string nextTokenId, string nextSecretHash, TimeSpan lifetime)
    {
        AccountRules.ValidateBase64Url256(secretHash, nameof(secretHash));
        AccountRules.ValidateTokenId(nextTokenId, nameof(nextTokenId));
        AccountRules.ValidateBase64Url256(nextSecretHash, nameof(nextSecretHash));
        AccountRules.ValidateLifetime(lifetime, MinLifetime, MaxLifetime);
        if (!Matches(secretHash))
        {
            return RefreshTokenResult.Failed(RefreshTokenOutcome.Invalid);
        }

        var family = GrainFactory.GetGrain<IRefreshTokenFamilyGrain>(token.State.FamilyId);
        if (await family.IsRevokedAsync())
        {
            return RefreshTokenResult.Failed(RefreshTokenOutcome.Revoked);
        }

        if (token.State.UsedAt is not null)
        {
            await family.RevokeAsync();
            return RefreshTokenResult.Failed(RefreshTokenOutcome.Reused);
        }

        var now = timeProvider.GetUtcNow();
        if (now >= token.State.ExpiresAt)
        {
            return RefreshTokenResult.Failed(RefreshTokenOutcome.Expired);
        }

        token.State.UsedAt = now;
        await token.WriteStateAsync();
        var next = GrainFactory.GetGrain<IRefreshTokenGrain>(nextTokenId);
        var nextExpiresAt = await next.CreateAsync(new RefreshTokenGrant(token.State.FamilyId, token.State.PlayerId, [.. token.State.Roles], nextSecretHash, lifetime));
        return new RefreshTokenResult(RefreshTokenOutcome.Rotated, token.State.PlayerId, [.. token.State.Roles], nextExpiresAt);
    }

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string secretHash)
    {
        AccountRules.ValidateBase64Url256(secretHash, nameof(secretHash));
        if (!Matches(secretHash))
        {
            return false;
        }

        await GrainFactory.GetGrain<IRefreshTokenFamilyGrain>(token.State.FamilyId).RevokeAsync();
        return true;
    }

    private bool Matches(string secretHash) =>
        token.RecordExists
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(secretHash), Encoding.ASCII.GetBytes(token.State.SecretHash));
}
