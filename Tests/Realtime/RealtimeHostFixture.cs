namespace GameCluster.Tests.Realtime;

/// <summary>One co-hosted gateway shared by a test class; tests use their own player ids.</summary>
public sealed class RealtimeHostFixture : IAsyncLifetime
{
    private RealtimeGatewayHost? _host;

    public RealtimeGatewayHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync() => _host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
    {
        ["Gateway:Realtime:PlayerMessagesPerSecond"] = "100000",
        ["Gateway:Realtime:PlayerMessageBurst"] = "100000",
        ["Gateway:Realtime:IpMessagesPerSecond"] = "100000",
        ["Gateway:Realtime:IpMessageBurst"] = "100000",
    });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
