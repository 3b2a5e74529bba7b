using System.Collections.Concurrent;
using System.Security.Claims;
using GameCluster.Gateway.Auth;

namespace GameCluster.Tests.Realtime;

/// <summary>Test-only connect nonces: issued in memory, redeemable once.</summary>
public sealed class TestNonceRedeemer : IConnectNonceRedeemer
{
    private readonly ConcurrentDictionary<string, string> _nonces = new(StringComparer.Ordinal);

    public string Issue(string playerId)
    {
        var nonce = Guid.NewGuid().ToString("N");
        _nonces[nonce] = playerId;
        return nonce;
    }

    public Task<ClaimsPrincipal?> RedeemAsync(string nonce, CancellationToken cancellationToken) =>
        Task.FromResult(_nonces.TryRemove(nonce, out var playerId)
            ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(GatewayClaims.PlayerId, playerId), new Claim(GatewayClaims.Role, GatewayClaims.PlayerRole)], "test-nonce"))
            : null);
}
