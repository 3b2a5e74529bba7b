using System.Diagnostics;
using GameCluster.Gateway.Realtime;
using GameCluster.Grains;
using GameCluster.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GameCluster.Tests.Realtime;

/// <summary>
/// Push delivery through the gateways' mailboxes when things go wrong: lost notices (caught by the sweep), sessions that
/// start while pushes arrive, mailboxes of gateways that are gone, and silos without a gateway.
/// </summary>
public sealed class RealtimePushDeliveryTests
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task LostNotices_PushAndKick_StillArriveWithinTheSweepInterval()
    {
        var filter = new FailingNoticeFilter();
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(
            new Dictionary<string, string?> { ["Gateway:Realtime:PushSweepInterval"] = "00:00:01" },
            services => services.AddSingleton<IIncomingGrainCallFilter>(filter));
        var playerId = TestServices.NewKey("player");
        var (old, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId));
        await using var _1 = old;

        // Every notice is lost from now on (retries included): only the sweep can bring the push.
        filter.Failing = true;
        var watch = Stopwatch.StartNew();
        await host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "{\"coins\":1}"));
        var push = await old.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push", TimeSpan.FromSeconds(10));
        Assert.Equal(1, push.GetProperty("seq").GetInt64());
        Assert.True(watch.Elapsed < SweepInterval * 3, $"the push took {watch.Elapsed}");
        Assert.True(filter.Failed > 0, "no notice delivery was made to fail");

        // A second connection replaces the first; the "superseded" notice is lost too, yet the old socket is closed.
        var failedBefore = filter.Failed;
        watch.Restart();
        var (replacing, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId, "last_seq=1"));
        await using var _2 = replacing;
        var last = await old.ReceiveUntilClosedAsync(TimeSpan.FromSeconds(10));
        Assert.True(watch.Elapsed < SweepInterval * 3, $"the kick took {watch.Elapsed}");
        Assert.Contains(last, m => RealtimeTestClient.Type(m) == "session_replaced");
        Assert.Equal(RealtimeCloseStatus.SessionReplaced, old.CloseStatus);
        Assert.True(filter.Failed > failedBefore, "the superseded notice was not made to fail");

        // Once notices flow again, pushes arrive at once.
        filter.Failing = false;
        await host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).PushAsync(new PushEvent("gift", "{\"coins\":2}"));
        var next = await replacing.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push");
        Assert.Equal(2, next.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task PushesWhileReconnecting_ArriveConsecutively_WithoutDuplicatesOrResync()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Push:ReplayBufferSize"] = "1000",
            ["Gateway:Realtime:PlayerMessagesPerSecond"] = "100000",
            ["Gateway:Realtime:PlayerMessageBurst"] = "100000",
            ["Gateway:RateLimits:PerIpPermitLimit"] = "100000", // socket connects per IP
        });
        var playerId = TestServices.NewKey("player");
        const int total = 300;
        var grain = host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        var pusher = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
            {
                await grain.PushAsync(new PushEvent("tick", "{}"));
                if (i % 4 == 0)
                {
                    await Task.Delay(1, TestContext.Current.CancellationToken);
                }
            }
        }, TestContext.Current.CancellationToken);

        long last = 0;
        var connections = 0;
        var random = new Random(42);
        while (last < total)
        {
            // Every connection resumes after the last push seen, while pushes (and their notices) keep coming.
            var (client, welcome) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId, $"last_seq={last}"));
            await using var _ = client;
            connections++;
            var until = Math.Min(total, last + random.Next(1, 12));
            while (last < until)
            {
                var message = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
                Assert.True(message is not null, $"the socket closed ({client.CloseStatus} {client.CloseDescription})");
                var type = RealtimeTestClient.Type(message.Value);
                Assert.NotEqual("resync_required", type);
                if (type == "push")
                {
                    var seq = message.Value.GetProperty("seq").GetInt64();
                    Assert.True(seq == last + 1, $"connection {connections} (welcome {welcome.GetRawText()}) got push {seq} after {last}");
                    last = seq;
                }
            }
        }

        await pusher;
        Assert.True(connections > 10);
    }

    [Fact]
    public async Task MailboxOfAGoneGateway_RefusesNotices_AndThePushGrainStopsSendingThere()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Push:MaxPollWait"] = "00:00:00.300", // a lease of 0.9 s
        });
        var lease = TimeSpan.FromSeconds(0.9);
        var playerId = TestServices.NewKey("player");
        var grain = host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        var deadMailbox = "gw-dead-" + Guid.NewGuid().ToString("N");

        // A session on a gateway that crashed: its mailbox is never polled again.
        await grain.AttachAsync("s-dead", deadMailbox);
        await grain.PushAsync(new PushEvent("gift", "{}")); // within the grace period: queued there
        Assert.Equal(deadMailbox, (await grain.GetSessionAsync()).MailboxId);

        await Task.Delay(lease * 2, TestContext.Current.CancellationToken);
        await grain.PushAsync(new PushEvent("gift", "{}"));
        var info = await WaitForAsync(grain, i => i.MailboxId is null);
        Assert.Equal("s-dead", info.SessionId); // not taken for replaced: only the mailbox is forgotten
        Assert.Equal(2, info.LatestSeq);

        // A new connection still replaces that session, and gets the pushes.
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId, "last_seq=0"));
        await using var _1 = client;
        await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 2);
        Assert.Equal([1, 2], client.PushSeqs());

        // The live gateway polls, so its mailbox outlives the lease.
        await Task.Delay(lease * 2, TestContext.Current.CancellationToken);
        await grain.PushAsync(new PushEvent("gift", "{}"));
        await client.ReceiveUntilAsync(m => RealtimeTestClient.Type(m) == "push" && m.GetProperty("seq").GetInt64() == 3);
        Assert.Equal(host.Services.GetRequiredService<RealtimePushMailbox>().MailboxId, (await grain.GetSessionAsync()).MailboxId);
    }

    [Fact]
    public async Task GoneMailbox_DoesNotClearANewerAttach()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Push:MaxPollWait"] = "00:00:00.300",
        });
        var playerId = TestServices.NewKey("player");
        var grain = host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId);
        var deadMailbox = "gw-dead-" + Guid.NewGuid().ToString("N");
        await grain.AttachAsync("s-dead", deadMailbox);
        await Task.Delay(TimeSpan.FromSeconds(1.8), TestContext.Current.CancellationToken);

        // The "superseded" notice goes to the gone mailbox, which refuses it: the new attach stays as it is.
        var liveMailbox = host.Services.GetRequiredService<RealtimePushMailbox>().MailboxId;
        await grain.AttachAsync("s-new", liveMailbox);
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        var info = await grain.GetSessionAsync();
        Assert.Equal("s-new", info.SessionId);
        Assert.Equal(liveMailbox, info.MailboxId);
    }

    [Fact]
    public async Task Mailbox_KeepsAtMostMaxQueuedNotices_AndReportsTheGap_ThenRefusesAfterTheLease()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?>
        {
            ["Push:MaxQueuedNotices"] = "3",
            ["Push:MaxPollWait"] = "00:00:00.300",
        });
        var mailbox = host.GrainFactory.GetGrain<IPushMailboxGrain>("gw-test-" + Guid.NewGuid().ToString("N"));
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await mailbox.DeliverAsync(new PushNotice("p" + i, "s" + i, Superseded: false)));
        }

        var batch = await mailbox.WaitAsync(null, 0, TimeSpan.Zero);
        Assert.Equal(3, batch.FirstIndex); // two dropped: the gateway sees FirstIndex > afterIndex + 1
        Assert.Equal(["p2", "p3", "p4"], batch.Notices.Select(n => n.PlayerId));

        // Polled now and then, the lease holds.
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400), TestContext.Current.CancellationToken);
            batch = await mailbox.WaitAsync(batch.Incarnation, batch.FirstIndex + batch.Notices.Count - 1, TimeSpan.Zero);
            Assert.True(await mailbox.DeliverAsync(new PushNotice("p", "s", Superseded: false)));
        }

        // Not polled for longer than the lease: the gateway is gone.
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        Assert.False(await mailbox.DeliverAsync(new PushNotice("p", "s", Superseded: false)));
    }

    [Fact]
    public async Task SiloWithoutGateway_RunsNoPushMailboxPoller()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(new Dictionary<string, string?> { ["Gateway:Enabled"] = "false" });
        Assert.Null(host.Services.GetService<RealtimePushMailbox>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is RealtimePushMailbox);
    }

    private static async Task<PushSessionInfo> WaitForAsync(IPlayerPushGrain grain, Func<PushSessionInfo, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var info = await grain.GetSessionAsync();
            if (condition(info))
            {
                return info;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out; last " + info);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
