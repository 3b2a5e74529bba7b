using GameCluster.Client;
using GameCluster.Grains;
using GameCluster.Tests.Realtime;
using static GameCluster.Tests.ClientSdk.Sdk;

namespace GameCluster.Tests.ClientSdk;

/// <summary>A resume gap older than the replay buffer surfaces as its own event, and the stream carries on.</summary>
public sealed class ResyncTests
{
    [Fact]
    public async Task Resume_GapOlderThanReplayBuffer_RaisesResyncRequired_ThenStreamsNewPushes()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(
            ClientSdkHostFixture.Settings(new Dictionary<string, string?> { ["Push:ReplayBufferSize"] = "3" }),
            RealtimeGatewayHost.UseRealNonces);
        await using var client = await GuestAsync(host.HttpBase);
        var grain = host.GrainFactory.GetGrain<IPlayerPushGrain>(client.PlayerId!);
        for (var i = 0; i < 10; i++)
        {
            await grain.PushAsync(new PushEvent("gift", "{}"));
        }

        var resync = new TaskCompletionSource<ResyncRequiredNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = await client.ConnectAsync(2, c => c.ResyncRequired += (_, notice) => resync.TrySetResult(notice), Cancel);

        Assert.Equal(new ResyncRequiredNotice(2, 10), await resync.Task.WaitAsync(WaitLimit, Cancel));
        Assert.Equal(10, connection.LastSeq);
        await grain.PushAsync(new PushEvent("gift", "{}"));

        Assert.Equal([11], (await ReadPushesAsync(connection, 1)).Select(p => p.Seq));
        Assert.Equal(11, connection.LastSeq);
    }
}
