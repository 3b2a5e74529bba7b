using System.Collections.Concurrent;
using System.Diagnostics;
using GameCluster.GrainDirectory;
using GameCluster.Membership;
using GameCluster.Redis;

namespace GameCluster.Tests.Cluster;

/// <summary>
/// Real Redis faults against one long-lived client, each test on a redis-server of its own: a crash and restart, a
/// Redis that is down when the silo starts, and a Redis that hangs. Operations must fail fast with a clear error while
/// Redis is gone and work again afterwards without creating a new client.
/// </summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(2);

    // Generous for a loaded CI machine, yet far below the 30 s a caller would otherwise hang.
    private static readonly TimeSpan FailFastBound = OperationTimeout + TimeSpan.FromSeconds(2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operations_WhileRedisRestarts_FailFastDuringOutageAndRecoverWithTheSameClient()
    {
        await using var server = await RedisServerProcess.StartNewAsync(Cancellation);
        await using var cluster = new RedisTestCluster(server.ConnectionString, OperationTimeout);
        var changes = new ConcurrentQueue<bool>();
        cluster.Client.ConnectionChanged += (_, e) => changes.Enqueue(e.IsConnected);
        var table = cluster.CreateMembershipTable();
        var directory = cluster.CreateGrainDirectory();
        await table.InitializeAsync(Cancellation);
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        await directory.RegisterAsync(Address(1), Cancellation);
        Assert.True(cluster.Client.IsConnected);

        await server.KillAsync();

        var outage = Stopwatch.StartNew();
        await AssertFailsFastAsync(server, () => table.ReadAllAsync(Cancellation));
        await AssertFailsFastAsync(server, () => table.InsertRowAsync(Entry(2), new TableVersion(1, "1").Next(), Cancellation));
        await AssertFailsFastAsync(server, () => table.UpdateIAmAliveAsync(Entry(1).Silo, DateTimeOffset.UtcNow, Cancellation));
        await AssertFailsFastAsync(server, () => directory.RegisterAsync(Address(2), Cancellation));
        await AssertFailsFastAsync(server, () => directory.LookupAsync(Address(1).GrainId, Cancellation));
        await AssertFailsFastAsync(server, () => cluster.Client.PingAsync(Cancellation));
        await EventuallyAsync(() => Task.FromResult(!cluster.Client.IsConnected), "the client reports the connection lost");

        await server.StartAsync(Cancellation);
        await EventuallyAsync(async () => await cluster.Client.PingAsync(Cancellation) >= TimeSpan.Zero, "the client reconnects");
        TestContext.Current.TestOutputHelper?.WriteLine($"Outage to recovered client: {outage.ElapsedMilliseconds} ms");

        // The restarted Redis kept no data (no persistence): the table starts over and silos re-register.
        await table.InitializeAsync(Cancellation);
        var data = await table.ReadAllAsync(Cancellation);
        Assert.Empty(data.Entries);
        Assert.True(await table.InsertRowAsync(Entry(1), data.Version.Next(), Cancellation));
        await table.UpdateIAmAliveAsync(Entry(1).Silo, DateTimeOffset.UtcNow, Cancellation);
        Assert.Equal(Address(3), await directory.RegisterAsync(Address(3), Cancellation));
        Assert.Equal(Address(3), await directory.LookupAsync(Address(3).GrainId, Cancellation));
        Assert.True(cluster.Client.IsConnected);
        Assert.Equal([false, true], changes.Distinct());
    }

    [Fact]
    public async Task Operations_WhenRedisIsDownAtFirstUse_FailFastAndSucceedOnceRedisStarts()
    {
        await using var server = RedisServerProcess.OnFreePort();
        await using var cluster = new RedisTestCluster(server.ConnectionString, OperationTimeout);
        var table = cluster.CreateMembershipTable();

        await AssertFailsFastAsync(server, () => table.InitializeAsync(Cancellation), FailFastBound + cluster.RedisOptions.ConnectTimeout * 2);
        await AssertFailsFastAsync(server, () => table.ReadAllAsync(Cancellation));
        Assert.False(cluster.Client.IsConnected);

        await server.StartAsync(Cancellation);

        await EventuallyAsync(async () => await cluster.Client.PingAsync(Cancellation) >= TimeSpan.Zero, "the client connects");
        await table.InitializeAsync(Cancellation);
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        Assert.Single((await table.ReadAllAsync(Cancellation)).Entries);
    }

    [Fact]
    public async Task Operation_WhenRedisHangs_FailsWithinTheOperationTimeoutAndRecoversAfterwards()
    {
        await using var server = await RedisServerProcess.StartNewAsync(Cancellation);
        await using var cluster = new RedisTestCluster(server.ConnectionString, OperationTimeout);
        var directory = cluster.CreateGrainDirectory();
        Assert.Equal(Address(1), await directory.RegisterAsync(Address(1), Cancellation));

        await server.PauseAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<RedisUnavailableException>(() => directory.LookupAsync(Address(1).GrainId, Cancellation));
            watch.Stop();

            Assert.InRange(watch.Elapsed, OperationTimeout - TimeSpan.FromMilliseconds(100), FailFastBound);
            Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
            Assert.Contains(server.ConnectionString, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await server.ResumeAsync();
        }

        await EventuallyAsync(async () => await directory.LookupAsync(Address(1).GrainId, Cancellation) == Address(1), "the paused Redis answers again");
    }

    private static async Task AssertFailsFastAsync(RedisServerProcess server, Func<Task> operation, TimeSpan? bound = null)
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisUnavailableException>(operation);
        watch.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine($"Failed after {watch.ElapsedMilliseconds} ms: {error.Message}");
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, bound ?? FailFastBound);
        Assert.Contains(server.ConnectionString, error.Message, StringComparison.Ordinal);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (RedisUnavailableException e)
            {
                last = e;
            }

            await Task.Delay(100, Cancellation);
        }

        Assert.Fail($"Timed out waiting until {what}. Last error: {last?.Message ?? "none"}");
    }

    private static MembershipEntry Entry(int n) => new(
        new SiloAddress("127.0.0.1", 11110 + n, 638_000_000_000L + n),
        MembershipStatus.Active,
        $"silo-{n}",
        new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2025, 3, 1, 12, 0, 1, TimeSpan.Zero),
        []);

    private static GrainAddress Address(int n) => new(
        new GrainId("counter", $"outage-{n}"),
        new SiloAddress("127.0.0.1", 11111, 638_000_000_001L),
        $"activation-{n}");
}
