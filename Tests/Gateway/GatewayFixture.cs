namespace GameCluster.Tests.Gateway;

/// <summary>One gateway process shared by the tests of <see cref="GatewayCollection"/>.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private GatewayHost? _host;

    public GatewayHost Host => _host ?? throw new InvalidOperationException("The gateway has not started.");

    public HttpClient Http => Host.Http;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
