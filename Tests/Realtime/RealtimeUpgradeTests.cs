using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GameCluster.Gateway.Realtime;
using GameCluster.Grains;
using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.Realtime;

/// <summary>
/// The two ways into a session over real Kestrel: the connection-level upgrade (fresh connections that start with a
/// plain upgrade of <c>/ws</c>) and the HTTP pipeline (everything else), and the gateway's push mailbox delivering
/// pushes and kicks to both.
/// </summary>
public sealed class RealtimeUpgradeTests(RealtimeUpgradeParityFixture fixture) : IClassFixture<RealtimeUpgradeParityFixture>
{
    private RealtimeGatewayHost Host => fixture.On;

    [Fact]
    public async Task Connect_FreshConnection_IsAcceptedBelowHttpAndReceivesPushes()
    {
        var playerId = TestServices.NewKey("player");
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await using var _1 = client;
        Assert.True(Assert.Single(Host.Sessions.ForPlayer(playerId)).ConnectionLevel);

        var push = Host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        Assert.Equal(1, await push.PushAsync(new PushEvent("gift", "{\"n\":1}")));
        var message = await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        Assert.Equal(1, message.GetProperty("seq").GetInt64());
        Assert.Equal("gift", message.GetProperty("payload").GetProperty("event").GetString());
    }

    [Fact]
    public async Task Connect_WithBearerHeader_IsAcceptedBelowHttpAsTheTokensPlayer()
    {
        var (accessToken, playerId) = await GuestLoginAsync();
        var (client, welcome) = await RealtimeTestClient.ConnectWelcomedAsync(
            new Uri(Host.WsBase, "/ws"), o => o.SetRequestHeader("Authorization", "Bearer " + accessToken));
        await using var _ = client;
        Assert.Equal(playerId, welcome.GetProperty("payload").GetProperty("player_id").GetString());
        Assert.True(Assert.Single(Host.Sessions.ForPlayer(playerId)).ConnectionLevel);
    }

    [Fact]
    public async Task Connect_WithInvalidBearerHeader_IsAnsweredByTheHttpPipelineWith401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer not-a-token");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(Host.WsBase, "/ws"), TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Upgrade_AfterAnHttpRequestOnTheSameConnection_GoesThroughTheHttpPipeline()
    {
        var playerId = TestServices.NewKey("player");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Host.HttpBase.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        await WriteAsync(stream, "GET /api/v1/info HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200", await ReadHeadAsync(stream), StringComparison.Ordinal);

        var target = Host.SocketUri(playerId).PathAndQuery;
        await WriteAsync(stream, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        using var welcome = await ReadSwitchAndWelcomeAsync(stream);
        Assert.Equal("welcome", welcome.RootElement.GetProperty("type").GetString());
        Assert.False(Assert.Single(Host.Sessions.ForPlayer(playerId)).ConnectionLevel);
    }

    [Fact]
    public async Task Upgrade_RawHandshakeBelowHttp_AnswersTheRfcAcceptKey()
    {
        var playerId = TestServices.NewKey("player");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Host.HttpBase.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var target = Host.SocketUri(playerId).PathAndQuery;
        await WriteAsync(stream, $"GET {target} HTTP/1.1\r\nhost: localhost\r\nupgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\nUser-Agent: test\r\n\r\n");
        using var welcome = await ReadSwitchAndWelcomeAsync(stream);
        Assert.Equal(playerId, welcome.RootElement.GetProperty("payload").GetProperty("player_id").GetString());
        Assert.True(Assert.Single(Host.Sessions.ForPlayer(playerId)).ConnectionLevel);
    }

    [Fact]
    public async Task Connect_WithConnectionLevelUpgradeOff_UsesTheHttpPipeline_PushesAndKicksStillArrive()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Gateway:Realtime:ConnectionLevelUpgrade"] = "false",
        });
        var playerId = TestServices.NewKey("player");
        var (first, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId));
        await using var _1 = first;
        Assert.False(Assert.Single(host.Sessions.ForPlayer(playerId)).ConnectionLevel);

        await host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "2"));
        var push = await first.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        Assert.Equal(1, push.GetProperty("seq").GetInt64());

        var (second, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId));
        await using var _2 = second;
        var messages = await first.ReceiveUntilClosedAsync();
        Assert.Contains(messages, m => RealtimeTestClient.Type(m) == "session_replaced");
        Assert.Equal((WebSocketCloseStatus)RealtimeCloseStatus.SessionReplaced, first.CloseStatus);
    }

    [Fact]
    public async Task PushMailbox_ManySessions_EachGetsOnlyItsOwnPushes()
    {
        var players = Enumerable.Range(0, 20).Select(_ => TestServices.NewKey("player")).ToArray();
        var clients = new List<RealtimeTestClient>();
        try
        {
            foreach (var player in players)
            {
                clients.Add((await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(player))).Client);
            }

            await Task.WhenAll(players.Select((player, i) => Host.GrainFactory.GetGrain<IPlayerPushGrain>(player).PushAsync(new PushEvent("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            for (var i = 0; i < players.Length; i++)
            {
                var push = await clients[i].ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
                Assert.Equal(1, push.GetProperty("seq").GetInt64());
                Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), push.GetProperty("payload").GetProperty("data").GetRawText());
                Assert.Single(clients[i].Received, m => RealtimeTestClient.Type(m) == "push");
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private Task<(string AccessToken, string PlayerId)> GuestLoginAsync() => RealtimeTestClient.SignInGuestAsync(Host.HttpBase);

    /// <summary>Expects 101 with the RFC 6455 accept key for the sample key, then reads the first message (the welcome).</summary>
    private static async Task<JsonDocument> ReadSwitchAndWelcomeAsync(NetworkStream stream)
    {
        var head = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head, StringComparison.Ordinal);
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false });
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        return JsonDocument.Parse(buffer.AsMemory(0, received.Count));
    }

    private static Task WriteAsync(NetworkStream stream, string text) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), TestContext.Current.CancellationToken).AsTask();

    // Reads up to the end of a response head, one byte at a time so that nothing after it is consumed.
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RealtimeTestClient.DefaultTimeout);
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one, timeout.Token));
            head.Append((char)one[0]);
        }

        var text = head.ToString();
        var length = System.Text.RegularExpressions.Regex.Match(text, "Content-Length: (\\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (length.Success)
        {
            var body = new byte[int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body, timeout.Token);
        }
        else if (text.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new StringBuilder("\r\n");
            while (!body.ToString().EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal))
            {
                Assert.Equal(1, await stream.ReadAsync(one, timeout.Token));
                body.Append((char)one[0]);
            }
        }

        return text;
    }
}
