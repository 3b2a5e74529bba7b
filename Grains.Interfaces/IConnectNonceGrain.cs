namespace GameCluster.Grains;

/// <summary>
/// A single-use connect nonce for the realtime socket (key = the random nonce). The grain is cluster-wide, so
/// the nonce can be redeemed exactly once on any gateway, and only before it expires.
/// </summary>
public interface IConnectNonceGrain : IGrainWithStringKey
{
    /// <summary>Issues the nonce for <paramref name="grant"/>; fails with <see cref="InvalidOperationException"/> when it was issued already.</summary>
    Task<DateTimeOffset> IssueAsync(ConnectNonceGrant grant, TimeSpan lifetime);

    /// <summary>Redeems the nonce: succeeds once, before it expires.</summary>
    Task<ConnectNonceRedemption> RedeemAsync();
}
