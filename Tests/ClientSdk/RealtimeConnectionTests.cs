using System.Text.Json;
using GameCluster.Client;
using GameCluster.Grains;
using GameCluster.Tests.Realtime;
using static GameCluster.Tests.ClientSdk.Sdk;

namespace GameCluster.Tests.ClientSdk;

/// <summary>The SDK's realtime connection against a real gateway: requests by cid, pushes, errors, kicks.</summary>
public sealed class RealtimeConnectionTests(ClientSdkHostFixture fixture) : IClassFixture<ClientSdkHostFixture>
{
    private RealtimeGatewayHost Host => fixture.Host;

    [Fact]
    public async Task SendAsync_ConcurrentRequests_EachGetsItsOwnReply()
    {
        await using var client = await GuestAsync(Host.HttpBase);
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);
        Assert.Equal(RealtimeConnectionState.Connected, connection.State);
        Assert.Equal(client.PlayerId, connection.Session!.PlayerId);
        Assert.Equal(0, connection.LastSeq);

        var counters = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => connection.IncrementAsync(1, Cancel)));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), counters.Order());

        var profile = await connection.GetProfileAsync(Cancel);
        Assert.Equal((client.PlayerId, 20L), (profile.PlayerId, profile.Counter));
        var raw = await connection.SendAsync<JsonElement>("player.get_profile", cancellationToken: Cancel);
        Assert.Equal(20, raw.GetProperty("counter").GetInt64());
        var serverTime = await connection.PingAsync(Cancel);
        Assert.True(Math.Abs((serverTime - DateTimeOffset.UtcNow).TotalMinutes) < 1);
    }

    [Fact]
    public async Task SendAsync_ErrorReply_ThrowsWithCode_AndTheSocketStaysOpen()
    {
        await using var client = await GuestAsync(Host.HttpBase);
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);

        var unknown = await Assert.ThrowsAsync<GameClientException>(() => connection.SendAsync<JsonElement>("no.such.type", cancellationToken: Cancel));
        Assert.Equal(GameErrorCodes.UnknownType, unknown.Code);
        Assert.Null(unknown.StatusCode);

        var invalid = await Assert.ThrowsAsync<GameClientException>(() => connection.IncrementAsync(0, Cancel));
        Assert.Equal(GameErrorCodes.InvalidRequest, invalid.Code);

        var wrongShape = await Assert.ThrowsAsync<GameClientException>(() => connection.SendAsync<JsonElement>("player.increment", new { amount = "many" }, Cancel));
        Assert.Equal(GameErrorCodes.InvalidRequest, wrongShape.Code);

        var result = await connection.SendAsync<JsonElement>("player.increment", new { amount = 3 }, Cancel);
        Assert.Equal(3, result.GetProperty("counter").GetInt64());
        Assert.Equal(RealtimeConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task Pushes_ArriveAsAsyncStreamAndEvent_InSequenceOrder()
    {
        await using var client = await GuestAsync(Host.HttpBase);
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);
        List<long> viaEvent = [];
        connection.PushReceived += (_, push) =>
        {
            lock (viaEvent)
            {
                viaEvent.Add(push.Seq);
            }
        };

        await connection.SetDisplayNameAsync("Grace", Cancel);
        var grain = Host.GrainFactory.GetGrain<IPlayerPushGrain>(client.PlayerId!);
        for (var i = 0; i < 3; i++)
        {
            await grain.PushAsync(new PushEvent("gift", $"{{\"coins\":{i}}}"));
        }

        var pushes = await ReadPushesAsync(connection, 4);
        Assert.Equal([1, 2, 3, 4], pushes.Select(p => p.Seq));
        Assert.Equal("profile_changed", pushes[0].Event);
        Assert.Equal(["gift", "gift", "gift"], pushes.Skip(1).Select(p => p.Event));
        Assert.Equal(2, pushes[3].Data.GetProperty("coins").GetInt32());
        Assert.NotEqual(default, pushes[3].At);
        Assert.Equal(4, connection.LastSeq);
        await EventuallyAsync(() => { lock (viaEvent) { return viaEvent.Count == 4; } }, "four push events");
        Assert.Equal([1, 2, 3, 4], viaEvent);
    }

    [Fact]
    public async Task ConnectAsync_ResumeAfterPersistedSeq_ReplaysLaterPushes_WithAccessTokenCredential()
    {
        await using var client = await GuestAsync(Host.HttpBase, new GameClientOptions { RealtimeCredential = RealtimeCredential.AccessToken });
        var grain = Host.GrainFactory.GetGrain<IPlayerPushGrain>(client.PlayerId!);
        for (var i = 0; i < 5; i++)
        {
            await grain.PushAsync(new PushEvent("gift", "{}"));
        }

        await using var connection = await client.ConnectAsync(resumeAfterSeq: 2, Cancel);
        Assert.Equal(2, connection.Session!.ResumedFromSeq);
        Assert.Equal([3, 4, 5], (await ReadPushesAsync(connection, 3)).Select(p => p.Seq));
    }

    [Fact]
    public async Task SecondConnectionOfThePlayer_ReplacesTheFirst_SurfacedAndNotReconnected()
    {
        var deviceId = NewDeviceId();
        await using var first = await GuestAsync(Host.HttpBase, deviceId: deviceId);
        await using var second = await GuestAsync(Host.HttpBase, deviceId: deviceId);
        await using var old = await first.ConnectAsync(cancellationToken: Cancel);
        var replaced = new TaskCompletionSource<SessionReplacedException>(TaskCreationOptions.RunContinuationsAsynchronously);
        old.SessionReplaced += (_, exception) => replaced.TrySetResult(exception);
        List<RealtimeConnectionState> states = [];
        old.StateChanged += (_, change) => states.Add(change.Current);

        await using var current = await second.ConnectAsync(cancellationToken: Cancel);

        var exception = await replaced.Task.WaitAsync(WaitLimit, Cancel);
        Assert.Equal(GameErrorCodes.SessionReplaced, exception.Code);
        await Assert.ThrowsAsync<SessionReplacedException>(() => old.Completion.WaitAsync(WaitLimit, Cancel));
        Assert.Equal(RealtimeConnectionState.Replaced, old.State);
        await Assert.ThrowsAsync<SessionReplacedException>(async () => await ReadPushesAsync(old, 1));
        await Assert.ThrowsAsync<SessionReplacedException>(() => old.PingAsync(Cancel));

        // The kicked connection stays down: the new one is not kicked back.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        Assert.Equal(RealtimeConnectionState.Connected, current.State);
        await current.PingAsync(Cancel);
        Assert.Equal([current.Session!.SessionId], Host.Sessions.ForPlayer(first.PlayerId!).Select(s => s.SessionId));
        Assert.DoesNotContain(RealtimeConnectionState.Reconnecting, states);
    }

    [Fact]
    public async Task DisposeAsync_EndsTheStreamAndCompletes()
    {
        await using var client = await GuestAsync(Host.HttpBase);
        var connection = await client.ConnectAsync(cancellationToken: Cancel);
        var reading = ReadPushesAsync(connection, 1);
        await connection.DisposeAsync();
        Assert.Empty(await reading.WaitAsync(WaitLimit, Cancel));
        await connection.Completion.WaitAsync(WaitLimit, Cancel);
        Assert.Equal(RealtimeConnectionState.Closed, connection.State);
        await Assert.ThrowsAsync<ConnectionLostException>(() => connection.PingAsync(Cancel));
        await EventuallyAsync(() => Host.Sessions.ForPlayer(client.PlayerId!).Count == 0, "the gateway closed the session");
    }
}
