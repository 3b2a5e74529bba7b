using System.Security.Claims;

namespace GameCluster.Gateway.Auth;

/// <summary>Redeems a single-use connect nonce for the realtime socket: on any gateway, once, before it expires.</summary>
public interface IConnectNonceRedeemer
{
    /// <summary>The principal the nonce was issued to, or <see langword="null"/> when it is unknown, used or expired.</summary>
    Task<ClaimsPrincipal?> RedeemAsync(string nonce, CancellationToken cancellationToken);
}
