using GameCluster.Tests.Realtime;

namespace GameCluster.Tests.ClientSdk;

/// <summary>
/// One co-hosted gateway on real Kestrel shared by a test class, with the product's nonce redeemer (the SDK gets its
/// nonces over HTTP) and limits high enough for tests that sign in many times from 127.0.0.1.
/// </summary>
public sealed class ClientSdkHostFixture : IAsyncLifetime
{
    private RealtimeGatewayHost? _host;

    public RealtimeGatewayHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Settings every SDK test gateway uses: high HTTP and socket rate limits.</summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:RateLimits:PerIpPermitLimit"] = "100000",
            ["Gateway:RateLimits:PerPlayerPermitLimit"] = "100000",
            ["Gateway:Realtime:PlayerMessagesPerSecond"] = "100000",
            ["Gateway:Realtime:PlayerMessageBurst"] = "100000",
            ["Gateway:Realtime:IpMessagesPerSecond"] = "100000",
            ["Gateway:Realtime:IpMessageBurst"] = "100000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async ValueTask InitializeAsync() => _host = await RealtimeGatewayHost.StartCoHostedAsync(Settings(), RealtimeGatewayHost.UseRealNonces);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
