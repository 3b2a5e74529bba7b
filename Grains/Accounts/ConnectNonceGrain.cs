namespace GameCluster.Grains.Accounts;

/// <summary>
/// A single-use connect nonce, held in memory only: a nonce whose activation is lost (silo crash, collection) is
/// unknown afterwards, which fails safe; the client asks for a new one. Activations are collected two minutes
/// after their last call, well after any nonce lifetime.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ConnectNonceGrain(TimeProvider timeProvider) : Grain, IConnectNonceGrain
{
    /// <summary>The shortest nonce lifetime.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromSeconds(1);

    /// <summary>The longest nonce lifetime.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(1);

    private Issued? _issued;

    /// <inheritdoc />
    public Task<DateTimeOffset> IssueAsync(ConnectNonceGrant grant, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(grant);
        AccountRules.ValidateBase64Url256(this.GetPrimaryKeyString(), "nonce");
        AccountRules.ValidateSubject(grant.PlayerId);
        AccountRules.ValidateRoles(grant.Roles);
        AccountRules.ValidateLifetime(lifetime, MinLifetime, MaxLifetime);
        if (_issued is not null)
        {
            throw new InvalidOperationException("This connect nonce was issued already.");
        }

        var expiresAt = timeProvider.GetUtcNow() + lifetime;
        _issued = new Issued(grant with { Roles = [.. grant.Roles] }, expiresAt, Redeemed: false);
        return Task.FromResult(expiresAt);
    }

    /// <inheritdoc />
    public Task<ConnectNonceRedemption> RedeemAsync()
    {
        if (_issued is not { } issued)
        {
            DeactivateOnIdle();
            return Task.FromResult(new ConnectNonceRedemption(ConnectNonceOutcome.Unknown, null));
        }

        if (issued.Redeemed)
        {
            return Task.FromResult(new ConnectNonceRedemption(ConnectNonceOutcome.AlreadyRedeemed, null));
        }

        _issued = issued with { Redeemed = true };
        return Task.FromResult(timeProvider.GetUtcNow() >= issued.ExpiresAt
            ? new ConnectNonceRedemption(ConnectNonceOutcome.Expired, null)
            : new ConnectNonceRedemption(ConnectNonceOutcome.Redeemed, issued.Grant));
    }

    private readonly record struct Issued(ConnectNonceGrant Grant, DateTimeOffset ExpiresAt, bool Redeemed);
}
