using System.Net;
using GameCluster.Client;
using GameCluster.GrainDirectory;
using GameCluster.Grains;
using GameCluster.Membership;
using GameCluster.Tests.Realtime;
using static GameCluster.Tests.ClientSdk.Sdk;

namespace GameCluster.Tests.ClientSdk;

/// <summary>Reconnect and resume: real dropped TCP connections, and a draining gateway with a second one to move to.</summary>
public sealed class ReconnectTests(ClientSdkHostFixture fixture) : IClassFixture<ClientSdkHostFixture>, IDisposable
{
    private static readonly GameClientOptions FastReconnect = new()
    {
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
    };

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("gamecluster-sdk-").FullName;

    private RealtimeGatewayHost Host => fixture.Host;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task DroppedConnection_ReconnectsAndResumes_WithoutMissingAPush()
    {
        await using var proxy = new TcpProxy(Host.HttpBase);
        await using var client = await GuestAsync(proxy.Uri, FastReconnect);
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);
        List<RealtimeStateChange> changes = [];
        connection.StateChanged += (_, change) =>
        {
            lock (changes)
            {
                changes.Add(change);
            }
        };
        var grain = Host.GrainFactory.GetGrain<IPlayerPushGrain>(client.PlayerId!);
        var firstSession = connection.Session!.SessionId;

        await grain.PushAsync(new PushEvent("gift", "1"));
        Assert.Equal([1], (await ReadPushesAsync(connection, 1)).Select(p => p.Seq));

        proxy.DropAll();
        for (var i = 2; i <= 4; i++)
        {
            await grain.PushAsync(new PushEvent("gift", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await connection.WaitUntilConnectedAsync(Cancel).WaitAsync(WaitLimit, Cancel);
        await EventuallyAsync(() => connection.Session!.SessionId != firstSession, "a new session");
        await grain.PushAsync(new PushEvent("gift", "5"));

        var pushes = await ReadPushesAsync(connection, 4);
        Assert.Equal([2, 3, 4, 5], pushes.Select(p => p.Seq));
        Assert.Equal(["2", "3", "4", "5"], pushes.Select(p => p.Data.GetRawText()));
        Assert.Equal(1, connection.Session!.ResumedFromSeq);
        lock (changes)
        {
            Assert.Equal([RealtimeConnectionState.Reconnecting, RealtimeConnectionState.Connected], changes.Select(c => c.Current));
            Assert.IsType<ConnectionLostException>(changes[0].Error);
        }
    }

    [Fact]
    public async Task InFlightRequest_FailsWithConnectionLost_WhenTheSocketDrops_AndIsNotRetried()
    {
        await using var proxy = new TcpProxy(Host.HttpBase);
        await using var client = await GuestAsync(proxy.Uri, FastReconnect);
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);
        Assert.Equal(1, await connection.IncrementAsync(1, Cancel));

        proxy.Pause();
        var inFlight = connection.IncrementAsync(10, Cancel);
        await Task.Delay(200, Cancel);
        Assert.False(inFlight.IsCompleted);
        proxy.DropAll();
        proxy.Resume();

        var error = await Assert.ThrowsAsync<ConnectionLostException>(() => inFlight.WaitAsync(WaitLimit, Cancel));
        Assert.Equal(GameErrorCodes.ConnectionLost, error.Code);

        await connection.WaitUntilConnectedAsync(Cancel).WaitAsync(WaitLimit, Cancel);
        Assert.Equal(2, await connection.IncrementAsync(1, Cancel)); // the dropped request never ran, and was not retried
    }

    [Fact]
    public async Task DrainingGateway_ClientMovesToTheNextGateway_AndResumesWithoutMissingAPush()
    {
        var table = new InMemoryMembershipTable();
        var directory = new InMemoryGrainDirectory();
        var settings = ClientSdkHostFixture.Settings();
        await using var a = await RealtimeGatewayHost.StartClusteredAsync(table, directory, _dataDirectory, settings, RealtimeGatewayHost.UseRealNonces);
        await using var b = await RealtimeGatewayHost.StartClusteredAsync(table, directory, _dataDirectory, settings, RealtimeGatewayHost.UseRealNonces);
        await using var client = await GuestAsync(a.HttpBase, new GameClientOptions
        {
            AlternateGateways = [b.HttpBase],
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        });
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);
        Assert.Equal(a.HttpBase, connection.Session!.Gateway);
        var grain = a.GrainFactory.GetGrain<IPlayerPushGrain>(client.PlayerId!);
        await connection.SetDisplayNameAsync("Hedy", Cancel);
        Assert.Equal([1], (await ReadPushesAsync(connection, 1)).Select(p => p.Seq));

        a.Drain.Begin();
        await grain.PushAsync(new PushEvent("gift", "2"));
        await b.GrainFactory.GetGrain<IPlayerPushGrain>(client.PlayerId!).PushAsync(new PushEvent("gift", "3"));
        await EventuallyAsync(() => connection.State == RealtimeConnectionState.Connected && connection.Session!.Gateway == b.HttpBase, "moved to gateway B");
        await grain.PushAsync(new PushEvent("gift", "4"));

        Assert.Equal([2, 3, 4], (await ReadPushesAsync(connection, 3)).Select(p => p.Seq));
        Assert.Equal(b.HttpBase, client.CurrentGateway);
        Assert.Equal("Hedy", (await client.GetProfileAsync(Cancel)).DisplayName); // HTTP follows to B
        Assert.Single(b.Sessions.ForPlayer(client.PlayerId!));

        // The draining gateway answers 503 with Retry-After, surfaced on the exception.
        await using var late = new GameClient(a.HttpBase);
        var unavailable = await Assert.ThrowsAsync<GameClientException>(() => late.LoginAsGuestAsync(NewDeviceId(), Cancel));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, GameErrorCodes.Unavailable), (unavailable.StatusCode, unavailable.Code));
        Assert.Equal(TimeSpan.FromSeconds(2), unavailable.RetryAfter);
    }

    [Fact]
    public async Task GatewayGone_ReconnectGivesUpAfterMaxAttempts_AndCompletionCarriesTheReason()
    {
        var proxy = new TcpProxy(Host.HttpBase);
        await using var client = await GuestAsync(proxy.Uri, new GameClientOptions
        {
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectAttempts = 3,
        });
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);
        await proxy.DisposeAsync();

        var error = await Assert.ThrowsAsync<ConnectionLostException>(() => connection.Completion.WaitAsync(WaitLimit, Cancel));
        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(RealtimeConnectionState.Closed, connection.State);
        await Assert.ThrowsAsync<ConnectionLostException>(() => connection.WaitUntilConnectedAsync(Cancel));
    }
}
