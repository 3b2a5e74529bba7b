using System.Security.Claims;
using GameCluster.Grains;

namespace GameCluster.Gateway.Auth;

/// <summary>Redeems connect nonces at their cluster-wide grain: once, on any gateway, before they expire.</summary>
public sealed partial class ConnectNonceRedeemer(IGrainFactory grains, ILogger<ConnectNonceRedeemer> logger) : IConnectNonceRedeemer
{
    /// <summary>The authentication type of principals made from a nonce.</summary>
    public const string AuthenticationType = "connect-nonce";

    /// <inheritdoc />
    public async Task<ClaimsPrincipal?> RedeemAsync(string nonce, CancellationToken cancellationToken)
    {
        if (!TokenFormats.IsWellFormedNonce(nonce))
        {
            LogNonceRejected(logger, ConnectNonceOutcome.Unknown);
            return null;
        }

        var redemption = await grains.GetGrain<IConnectNonceGrain>(nonce).RedeemAsync().WaitAsync(cancellationToken);
        if (redemption is not { Outcome: ConnectNonceOutcome.Redeemed, Grant: { } grant })
        {
            LogNonceRejected(logger, redemption.Outcome);
            return null;
        }

        Claim[] claims = [new(GatewayClaims.PlayerId, grant.PlayerId), .. grant.Roles.Select(r => new Claim(GatewayClaims.Role, r))];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, GatewayClaims.PlayerId, GatewayClaims.Role));
    }
}
