using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GameCluster.Grains;
using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.Realtime;

/// <summary>The realtime socket over real Kestrel and real client sockets: requests, pushes, resume, kicks, violations.</summary>
public sealed class RealtimeProtocolTests(RealtimeHostFixture fixture) : IClassFixture<RealtimeHostFixture>
{
    private RealtimeGatewayHost Host => fixture.Host;

    [Fact]
    public async Task Connect_WithoutCredential_IsRejectedWith401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(Host.WsBase, "/ws"), TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.NotNull(error);
    }

    [Fact]
    public async Task Connect_WithAValidTokenOfAServiceAccount_IsRejectedWith401()
    {
        var kioskToken = Gateway.GatewayApi.ForgeToken(Convert.FromBase64String(RealtimeGatewayHost.SigningKey), "service:kiosk-1", roles: ["kiosk"]);
        var playerToken = Gateway.GatewayApi.ForgeToken(Convert.FromBase64String(RealtimeGatewayHost.SigningKey), TestServices.NewKey("player"));
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + kioskToken);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(Host.WsBase, "/ws"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        var (player, _) = await RealtimeTestClient.ConnectWelcomedAsync(new Uri(Host.WsBase, "/ws?access_token=" + playerToken));
        await using var _1 = player;
    }

    [Fact]
    public async Task Connect_WithUsedNonce_IsRejectedWith401()
    {
        var nonce = Host.Nonces.Issue(TestServices.NewKey("player"));
        var (first, _) = await RealtimeTestClient.ConnectWelcomedAsync(new Uri(Host.WsBase, "/ws?nonce=" + nonce));
        await using var _1 = first;
        using var second = new ClientWebSocket();
        second.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => second.ConnectAsync(new Uri(Host.WsBase, "/ws?nonce=" + nonce), TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, second.HttpStatusCode);
    }

    [Fact]
    public async Task Connect_WithMalformedLastSeq_IsRejectedWith400()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Host.SocketUri(TestServices.NewKey("player"), "last_seq=-3"), TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Connect_WithNonce_SendsWelcomeWithSessionAndPlayer()
    {
        var playerId = TestServices.NewKey("player");
        var (client, welcome) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await using var _ = client;
        var payload = welcome.GetProperty("payload");
        Assert.Equal(playerId, payload.GetProperty("player_id").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("session_id").GetString()));
        Assert.Equal(0, payload.GetProperty("latest_seq").GetInt64());
    }

    [Fact]
    public async Task Request_GetProfileAndIncrement_RepliesEchoCid()
    {
        var playerId = TestServices.NewKey("player");
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await using var _1 = client;

        var increment = await client.RequestAsync("player.increment", new { amount = 5 });
        Assert.Equal("result", RealtimeTestClient.Type(increment));
        Assert.Equal(5, increment.GetProperty("payload").GetProperty("counter").GetInt64());

        var profile = await client.RequestAsync("player.get_profile");
        Assert.Equal("result", RealtimeTestClient.Type(profile));
        Assert.Equal(playerId, profile.GetProperty("payload").GetProperty("player_id").GetString());
        Assert.Equal(5, profile.GetProperty("payload").GetProperty("counter").GetInt64());

        var pong = await client.RequestAsync("ping");
        Assert.Equal("result", RealtimeTestClient.Type(pong));
        Assert.True(pong.GetProperty("payload").TryGetProperty("server_time", out _));
    }

    [Fact]
    public async Task Request_UnknownType_ReturnsErrorAndSocketStaysOpen()
    {
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = client;
        var error = await client.RequestAsync("player.teleport", new { x = 1 });
        Assert.Equal("unknown_type", RealtimeTestClient.ErrorCode(error));
        Assert.Equal("result", RealtimeTestClient.Type(await client.RequestAsync("ping")));
    }

    [Fact]
    public async Task Request_InvalidPayload_ReturnsInvalidRequest()
    {
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = client;
        Assert.Equal("invalid_request", RealtimeTestClient.ErrorCode(await client.RequestAsync("player.increment", new { amount = "five" })));
        Assert.Equal("invalid_request", RealtimeTestClient.ErrorCode(await client.RequestAsync("player.increment", new { amount = 0 })));
        Assert.Equal("invalid_request", RealtimeTestClient.ErrorCode(await client.RequestAsync("player.set_display_name", new { })));
        Assert.Equal("invalid_request", RealtimeTestClient.ErrorCode(await client.RequestAsync("player.set_display_name", new { display_name = "x" })));
    }

    [Fact]
    public async Task Message_MalformedJson_ClosesWithPolicyViolation()
    {
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = client;
        await client.SendTextAsync("{\"cid\":\"1\",\"type\":");
        await client.ReceiveUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("malformed JSON", client.CloseDescription);
    }

    [Fact]
    public async Task Message_BinaryFrame_ClosesWithPolicyViolation()
    {
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = client;
        await client.SendAsync([1, 2, 3], WebSocketMessageType.Binary);
        await client.ReceiveUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
    }

    [Fact]
    public async Task Message_LargerThanLimit_ClosesWithMessageTooBig()
    {
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = client;
        var huge = "{\"cid\":\"1\",\"type\":\"ping\",\"payload\":{\"pad\":\"" + new string('x', 17 * 1024) + "\"}}";
        await client.SendTextAsync(huge);
        await client.ReceiveUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
    }

    [Fact]
    public async Task Message_JustUnderLimit_IsServed()
    {
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = client;
        var padded = "{\"cid\":\"big\",\"type\":\"ping\",\"payload\":{\"pad\":\"" + new string('x', 15 * 1024) + "\"}}";
        await client.SendTextAsync(padded);
        var reply = await client.ReceiveUntilAsync(m => RealtimeTestClient.Cid(m) == "big");
        Assert.Equal("result", RealtimeTestClient.Type(reply));
    }

    [Fact]
    public async Task SetDisplayName_PushesProfileChangedWithSequence()
    {
        var playerId = TestServices.NewKey("player");
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await using var _1 = client;

        var reply = await client.RequestAsync("player.set_display_name", new { display_name = "Ada" });
        Assert.Equal("Ada", reply.GetProperty("payload").GetProperty("display_name").GetString());

        var push = await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        Assert.Equal(1, push.GetProperty("seq").GetInt64());
        Assert.Equal("profile_changed", push.GetProperty("payload").GetProperty("event").GetString());
        Assert.Equal("Ada", push.GetProperty("payload").GetProperty("data").GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task Push_FromGameCode_ReachesTheSocketInOrder()
    {
        var playerId = TestServices.NewKey("player");
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await using var _1 = client;
        var push = Host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        for (var i = 1; i <= 20; i++)
        {
            Assert.Equal(i, await push.PushAsync(new PushEvent("gift", $"{{\"n\":{i}}}")));
        }

        await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 20);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), client.PushSeqs());
    }

    [Fact]
    public async Task Reconnect_WithLastSeq_ReceivesEveryMissedPushInOrder()
    {
        var playerId = TestServices.NewKey("player");
        var push = Host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        var (first, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await push.PushAsync(new PushEvent("gift", "1"));
        await first.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        await first.DisposeAsync();

        for (var i = 2; i <= 6; i++)
        {
            await push.PushAsync(new PushEvent("gift", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var (second, welcome) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId, "last_seq=1"));
        await using var _ = second;
        Assert.Equal(6, welcome.GetProperty("payload").GetProperty("latest_seq").GetInt64());
        await second.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 6);
        Assert.Equal([2, 3, 4, 5, 6], second.PushSeqs());
    }

    [Fact]
    public async Task Resume_Message_ReplaysPushesAfterLastSeq()
    {
        var playerId = TestServices.NewKey("player");
        var push = Host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        await push.PushAsync(new PushEvent("gift", "1"));
        await push.PushAsync(new PushEvent("gift", "2"));
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await using var _1 = client;

        var reply = await client.RequestAsync("resume", new { last_seq = 0 });
        Assert.Equal("result", RealtimeTestClient.Type(reply));
        await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 2);
        Assert.Equal([1, 2], client.PushSeqs());
    }

    [Fact]
    public async Task Reconnect_WithFutureLastSeq_SendsResyncRequired()
    {
        var playerId = TestServices.NewKey("player");
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId, "last_seq=42"));
        await using var _1 = client;
        var resync = await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "resync_required");
        Assert.Equal(0, resync.GetProperty("payload").GetProperty("latest_seq").GetInt64());
    }

    [Fact]
    public async Task NewConnection_SamePlayer_KicksTheOldSocketWithReason()
    {
        var playerId = TestServices.NewKey("player");
        var (old, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await using var _1 = old;
        var (current, _) = await RealtimeTestClient.ConnectWelcomedAsync(Host.SocketUri(playerId));
        await using var _2 = current;

        var before = await old.ReceiveUntilClosedAsync();
        Assert.Contains(before, m => RealtimeTestClient.Type(m) == "session_replaced");
        Assert.Equal((WebSocketCloseStatus)4001, old.CloseStatus);
        Assert.Equal("session_replaced", old.CloseDescription);

        await Host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "{}"));
        await current.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        Assert.Equal("result", RealtimeTestClient.Type(await current.RequestAsync("ping")));
    }

    [Fact]
    public async Task Connect_WithAccessTokenFromGuestLogin_IsTheTokensPlayer()
    {
        using var http = new HttpClient { BaseAddress = Host.HttpBase };
        var deviceId = "device-" + Guid.NewGuid().ToString("N");
        using var login = await http.PostAsync(
            "/api/v1/auth/guest",
            new StringContent(JsonSerializer.Serialize(new { deviceId }), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var tokens = JsonDocument.Parse(await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var accessToken = tokens.RootElement.GetProperty("accessToken").GetString()!;
        var playerId = tokens.RootElement.GetProperty("playerId").GetString()!;

        var (client, welcome) = await RealtimeTestClient.ConnectWelcomedAsync(new Uri(Host.WsBase, "/ws?access_token=" + Uri.EscapeDataString(accessToken)));
        await using var _ = client;
        Assert.Equal(playerId, welcome.GetProperty("payload").GetProperty("player_id").GetString());
    }
}
