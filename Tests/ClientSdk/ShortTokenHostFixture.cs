using GameCluster.Tests.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.ClientSdk;

/// <summary>A co-hosted gateway whose token clock runs 58 s behind, with 1-minute access tokens and no clock skew.</summary>
public sealed class ShortTokenHostFixture : IAsyncLifetime
{
    /// <summary>How long an issued access token stays valid on the real clock.</summary>
    public static readonly TimeSpan TokenLife = TimeSpan.FromSeconds(2);

    private RealtimeGatewayHost? _host;

    public RealtimeGatewayHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync() => _host = await RealtimeGatewayHost.StartCoHostedAsync(
        ClientSdkHostFixture.Settings(new Dictionary<string, string?>
        {
            ["Auth:AccessTokenLifetime"] = "00:01:00",
            ["Auth:ClockSkew"] = "00:00:00",
        }),
        services =>
        {
            RealtimeGatewayHost.UseRealNonces(services);
            services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(-(TimeSpan.FromMinutes(1) - TokenLife)));
        });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
