using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GameCluster.GrainDirectory;
using GameCluster.Grains;
using GameCluster.Membership;
using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.Realtime;

/// <summary>Sessions across gateways: resume and kick through the cluster-wide push grain, co-hosted and standalone.</summary>
public sealed class RealtimeClusterTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("gamecluster-realtime-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Reconnect_ToAnotherCoHostedGateway_ResumesWithoutMissedPushes_AndKicksAcrossGateways()
    {
        var table = new InMemoryMembershipTable();
        var directory = new InMemoryGrainDirectory();
        await using var a = await RealtimeGatewayHost.StartClusteredAsync(table, directory, _dataDirectory);
        await using var b = await RealtimeGatewayHost.StartClusteredAsync(table, directory, _dataDirectory);
        var playerId = TestServices.NewKey("player");

        var (onA, _) = await RealtimeTestClient.ConnectWelcomedAsync(a.SocketUri(playerId));
        await onA.RequestAsync("player.set_display_name", new { display_name = "Grace" });
        var first = await onA.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        Assert.Equal(1, first.GetProperty("seq").GetInt64());
        await onA.DisposeAsync();

        // Pushes while the player is away, made from either silo.
        await a.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "2"));
        await b.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "3"));

        var (onB, _) = await RealtimeTestClient.ConnectWelcomedAsync(b.SocketUri(playerId, "last_seq=1"));
        await using var _1 = onB;
        await onB.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 3);
        Assert.Equal([2, 3], onB.PushSeqs());

        // A new connection on gateway A replaces the one on gateway B.
        var (again, _) = await RealtimeTestClient.ConnectWelcomedAsync(a.SocketUri(playerId, "last_seq=3"));
        await using var _2 = again;
        var kicked = await onB.ReceiveUntilClosedAsync();
        Assert.Contains(kicked, m => RealtimeTestClient.Type(m) == "session_replaced");
        Assert.Equal((WebSocketCloseStatus)4001, onB.CloseStatus);

        await b.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "4"));
        await again.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        Assert.Equal([4], again.PushSeqs());
    }

    [Fact]
    public async Task StandaloneGateway_AsClusterClient_ServesRequestsAndPushes()
    {
        var table = new InMemoryMembershipTable();
        var directory = new InMemoryGrainDirectory();
        await using var silo = await RealtimeGatewayHost.StartClusteredAsync(table, directory, _dataDirectory, new Dictionary<string, string?> { ["Gateway:Enabled"] = "false" });
        await using var gateway = await RealtimeGatewayHost.StartStandaloneAsync(table, directory);
        var playerId = TestServices.NewKey("player");

        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(gateway.SocketUri(playerId));
        await using var _1 = client;
        Assert.Equal(2, (await client.RequestAsync("player.increment", new { amount = 2 })).GetProperty("payload").GetProperty("counter").GetInt64());

        await client.RequestAsync("player.set_display_name", new { display_name = "Linus" });
        await silo.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "{\"coins\":5}"));
        await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 2);
        Assert.Equal([1, 2], client.PushSeqs());
    }

    [Fact]
    public async Task Reconnect_ToAnotherSiloProcess_ResumesWithoutMissedPushes_WithRealTokens()
    {
        await using var cluster = await ProcessCluster.StartAsync(2, new Dictionary<string, string>
        {
            ["Gateway:Enabled"] = "true",
            ["Auth:SigningKey"] = RealtimeGatewayHost.SigningKey,
            ["Gateway:Realtime:PushPollWait"] = "00:00:05",
        });
        var (gatewayA, gatewayB) = (cluster.Silos[0], cluster.Silos[1]);
        var (accessToken, playerId) = await RealtimeTestClient.SignInGuestAsync(new Uri($"http://127.0.0.1:{gatewayA.HttpPort}"));
        var token = Uri.EscapeDataString(accessToken);

        var (onA, _) = await RealtimeTestClient.ConnectWelcomedAsync(new Uri($"ws://127.0.0.1:{gatewayA.HttpPort}/ws?access_token={token}"));
        await onA.RequestAsync("player.set_display_name", new { display_name = "Barbara" });
        await onA.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        await onA.DisposeAsync();

        var push = cluster.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        for (var i = 0; i < 5; i++)
        {
            await push.PushAsync(new PushEvent("gift", "{}"));
        }

        var (onB, _) = await RealtimeTestClient.ConnectWelcomedAsync(new Uri($"ws://127.0.0.1:{gatewayB.HttpPort}/ws?access_token={token}&last_seq=1"));
        await using var _1 = onB;
        await onB.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 6);
        Assert.Equal([2, 3, 4, 5, 6], onB.PushSeqs());

        // Connecting on gateway A again kicks the socket on gateway B (another process).
        var (again, _) = await RealtimeTestClient.ConnectWelcomedAsync(new Uri($"ws://127.0.0.1:{gatewayA.HttpPort}/ws?access_token={token}&last_seq=6"));
        await using var _2 = again;
        await onB.ReceiveUntilClosedAsync();
        Assert.Equal((WebSocketCloseStatus)4001, onB.CloseStatus);
    }

    [Fact]
    public async Task StandaloneGatewayProcess_SignsInPlayers_AndPushesFromTheSiloReachItsSockets()
    {
        await using var cluster = await ProcessCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["Auth:SigningKey"] = RealtimeGatewayHost.SigningKey,
        });
        await using var gateway = await SiloProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["Clustering:Redis:ConnectionString"] = cluster.Settings["Clustering:Redis:ConnectionString"],
                ["Cluster:ClusterId"] = cluster.ClusterId,
                ["Auth:SigningKey"] = RealtimeGatewayHost.SigningKey,
                ["Logging:LogLevel:Default"] = "Warning",
            },
            host: "GameCluster.Gateway.dll");
        var (accessToken, playerId) = await RealtimeTestClient.SignInGuestAsync(new Uri($"http://127.0.0.1:{gateway.HttpPort}"));
        var token = Uri.EscapeDataString(accessToken);

        var (socket, _) = await RealtimeTestClient.ConnectWelcomedAsync(new Uri($"ws://127.0.0.1:{gateway.HttpPort}/ws?access_token={token}"));
        await using var _1 = socket;
        Assert.Equal(3, (await socket.RequestAsync("player.increment", new { amount = 3 })).GetProperty("payload").GetProperty("counter").GetInt64());
        await cluster.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "{\"coins\":1}"));
        var gift = await socket.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("payload").GetProperty("event").GetString() == "gift");
        Assert.True(gift.GetProperty("seq").GetInt64() >= 1);
    }
}
