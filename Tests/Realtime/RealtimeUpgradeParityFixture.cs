using System.Security.Claims;
using GameCluster.Gateway.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.Realtime;

/// <summary>
/// Two co-hosted gateways that differ only in <c>Gateway:Realtime:ConnectionLevelUpgrade</c> (on / off), with the
/// per-IP limits raised and a nonce redeemer that counts redemptions, for comparing the two ways in byte for byte.
/// </summary>
public sealed class RealtimeUpgradeParityFixture : IAsyncLifetime
{
    private RealtimeGatewayHost? _on;
    private RealtimeGatewayHost? _off;

    public RealtimeGatewayHost On => _on ?? throw new InvalidOperationException("The host has not started.");

    public RealtimeGatewayHost Off => _off ?? throw new InvalidOperationException("The host has not started.");

    public static Dictionary<string, string?> Settings(bool connectionLevel, int perIpLimit = 100_000) => new()
    {
        ["Gateway:Realtime:ConnectionLevelUpgrade"] = connectionLevel ? "true" : "false",
        ["Gateway:RateLimits:SocketPerIpPermitLimit"] = perIpLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Replaces the host's nonce redeemer by one that counts redemptions (and delegates to the test redeemer).</summary>
    public static void CountRedemptions(IServiceCollection services) =>
        services.AddSingleton<IConnectNonceRedeemer>(sp => new CountingNonceRedeemer(sp.GetRequiredService<TestNonceRedeemer>()));

    public static CountingNonceRedeemer Redemptions(RealtimeGatewayHost host) =>
        (CountingNonceRedeemer)host.Services.GetRequiredService<IConnectNonceRedeemer>();

    public async ValueTask InitializeAsync()
    {
        _on = await RealtimeGatewayHost.StartCoHostedAsync(Settings(connectionLevel: true), CountRedemptions);
        _off = await RealtimeGatewayHost.StartCoHostedAsync(Settings(connectionLevel: false), CountRedemptions);
    }

    public async ValueTask DisposeAsync()
    {
        if (_on is not null)
        {
            await _on.DisposeAsync();
        }

        if (_off is not null)
        {
            await _off.DisposeAsync();
        }
    }

    public sealed class CountingNonceRedeemer(TestNonceRedeemer inner) : IConnectNonceRedeemer
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task<ClaimsPrincipal?> RedeemAsync(string nonce, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return inner.RedeemAsync(nonce, cancellationToken);
        }
    }
}
