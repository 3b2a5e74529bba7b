using System.Net.WebSockets;
using GameCluster.Grains;
using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.Realtime;

/// <summary>Limits of the realtime socket, each on its own gateway with the option under test turned down.</summary>
public sealed class RealtimeLimitsTests
{
    [Fact]
    public async Task Reconnect_GapOlderThanReplayBuffer_SendsResyncRequiredThenNewPushes()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?> { ["Push:ReplayBufferSize"] = "3" });
        var playerId = TestServices.NewKey("player");
        var push = host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        for (var i = 0; i < 10; i++)
        {
            await push.PushAsync(new PushEvent("gift", "{}"));
        }

        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId, "last_seq=2"));
        await using var _1 = client;
        var resync = await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "resync_required");
        Assert.Equal("resync_required", resync.GetProperty("payload").GetProperty("code").GetString());
        Assert.Equal(10, resync.GetProperty("payload").GetProperty("latest_seq").GetInt64());

        await push.PushAsync(new PushEvent("gift", "{}"));
        await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        Assert.Equal([11], client.PushSeqs());
    }

    [Fact]
    public async Task Reconnect_GapWithinReplayBuffer_NeedsNoResync()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?> { ["Push:ReplayBufferSize"] = "3" });
        var playerId = TestServices.NewKey("player");
        var push = host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        for (var i = 0; i < 10; i++)
        {
            await push.PushAsync(new PushEvent("gift", "{}"));
        }

        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId, "last_seq=7"));
        await using var _1 = client;
        await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 10);
        Assert.Equal([8, 9, 10], client.PushSeqs());
        Assert.DoesNotContain(client.Received, m => RealtimeTestClient.Type(m) == "resync_required");
    }

    [Fact]
    public async Task KeepAlive_SilentClient_IsDroppedAfterClientTimeout()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Gateway:Realtime:PingInterval"] = "00:00:00.200",
            ["Gateway:Realtime:ClientTimeout"] = "00:00:00.800",
        });
        var playerId = TestServices.NewKey("player");
        // A client that never reads never answers the server's pings (and sends no keepalive of its own).
        var client = await RealtimeTestClient.ConnectAsync(host.SocketUri(playerId), o => o.KeepAliveInterval = TimeSpan.Zero);
        await using var _ = client;
        await WaitUntilAsync(() => host.Sessions.ForPlayer(playerId).Count == 1, TimeSpan.FromSeconds(5));

        var started = DateTime.UtcNow;
        await WaitUntilAsync(() => host.Sessions.ForPlayer(playerId).Count == 0, TimeSpan.FromSeconds(10));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the silent client was dropped within a few ping periods");
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (await client.ReceiveAsync(TimeSpan.FromSeconds(5)) is not null)
            {
            }

            throw new WebSocketException("closed");
        });
    }

    [Fact]
    public async Task KeepAlive_ClientThatReads_StaysConnectedPastClientTimeout()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Gateway:Realtime:PingInterval"] = "00:00:00.200",
            ["Gateway:Realtime:ClientTimeout"] = "00:00:00.800",
        });
        var playerId = TestServices.NewKey("player");
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId), o => o.KeepAliveInterval = TimeSpan.Zero);
        await using var _1 = client;

        // A pending receive answers pings; nothing arrives meanwhile. (Cancelling a receive would abort the socket.)
        var pending = client.ReceiveAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted, "nothing was sent and the socket stayed open");
        Assert.Single(host.Sessions.ForPlayer(playerId));
        client.Socket.Abort();
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    [Fact]
    public async Task RateLimit_OverPlayerBurst_ReturnsRateLimitedWithRetryAfter()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Gateway:Realtime:PlayerMessagesPerSecond"] = "1",
            ["Gateway:Realtime:PlayerMessageBurst"] = "5",
        });
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = client;
        var replies = new List<System.Text.Json.JsonElement>();
        for (var i = 0; i < 8; i++)
        {
            replies.Add(await client.RequestAsync("ping"));
        }

        Assert.Equal(5, replies.Count(r => RealtimeTestClient.Type(r) == "result"));
        var limited = replies.Where(r => RealtimeTestClient.ErrorCode(r) == "rate_limited").ToList();
        Assert.Equal(3, limited.Count);
        Assert.All(limited, r => Assert.True(r.GetProperty("payload").GetProperty("retry_after_ms").GetInt64() > 0));
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task RateLimit_OverIpBurst_LimitsEveryPlayerFromThatAddress()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Gateway:Realtime:IpMessagesPerSecond"] = "1",
            ["Gateway:Realtime:IpMessageBurst"] = "4",
        });
        var (a, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = a;
        var (b, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(TestServices.NewKey("player")));
        await using var _2 = b;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("result", RealtimeTestClient.Type(await (i % 2 == 0 ? a : b).RequestAsync("ping")));
        }

        Assert.Equal("rate_limited", RealtimeTestClient.ErrorCode(await b.RequestAsync("ping")));
    }

    [Fact]
    public async Task SlowConsumer_OutboundQueueOverflow_ClosesTheSocket()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Gateway:Realtime:OutboundQueueCapacity"] = "4",
            ["Push:ReplayBufferSize"] = "4",
            ["Push:MaxDataLength"] = "70000",
        });
        var playerId = TestServices.NewKey("player");
        var client = await RealtimeTestClient.ConnectAsync(host.SocketUri(playerId), o => o.KeepAliveInterval = TimeSpan.Zero);
        await using var _ = client;
        await WaitUntilAsync(() => host.Sessions.ForPlayer(playerId).Count == 1, TimeSpan.FromSeconds(5));

        // The client never reads: socket buffers fill, then the bounded queue, then the gateway gives up on it.
        var push = host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        var data = "\"" + new string('x', 64 * 1024) + "\"";
        for (var i = 0; i < 400 && host.Sessions.ForPlayer(playerId).Count > 0; i++)
        {
            await push.PushAsync(new PushEvent("blob", data));
        }

        await WaitUntilAsync(() => host.Sessions.ForPlayer(playerId).Count == 0, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Drain_OpenSockets_ReceiveReconnectAndAreClosed()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync();
        var (a, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = a;
        var (b, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(TestServices.NewKey("player")));
        await using var _2 = b;

        host.Drain.Begin();

        foreach (var client in new[] { a, b })
        {
            var messages = await client.ReceiveUntilClosedAsync();
            var reconnect = Assert.Single(messages, m => RealtimeTestClient.Type(m) == "reconnect");
            Assert.Equal("draining", reconnect.GetProperty("payload").GetProperty("reason").GetString());
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
        }

        await WaitUntilAsync(() => host.Sessions.Count == 0, TimeSpan.FromSeconds(5));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
