using GameCluster.Membership;

namespace GameCluster.Tests.Cluster;

/// <summary>
/// The contract every membership table keeps: inserts and updates are compare-and-swap on the table version (and the
/// row ETag), so of concurrent writers of one version exactly one wins; heartbeats never conflict; reads are
/// consistent snapshots. Each derived class runs these assertions against one backend, on a fresh table per test.
/// </summary>
public abstract class MembershipTableContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Epoch = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IMembershipTable? _table;

    protected IMembershipTable Table => _table ?? throw new InvalidOperationException("The table has not been created.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Creates an empty table no other test uses.</summary>
    protected abstract ValueTask<IMembershipTable> CreateTableAsync();

    public async ValueTask InitializeAsync()
    {
        _table = await CreateTableAsync();
        await _table.InitializeAsync(Cancellation);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ReadAll_OfNewTable_IsEmptyAtVersionZero()
    {
        var data = await Table.ReadAllAsync(Cancellation);

        Assert.Empty(data.Entries);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task Initialize_CalledAgain_KeepsRowsAndVersion()
    {
        var entry = NewEntry(Silo(1));
        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));

        await Table.InitializeAsync(Cancellation);

        var data = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(1, data.Version.Version);
        AssertSameEntry(entry, Assert.Single(data.Entries).Entry);
    }

    [Fact]
    public async Task InsertRow_WithNextVersion_SucceedsAndIncrementsVersion()
    {
        var before = await Table.ReadAllAsync(Cancellation);
        var entry = NewEntry(Silo(1));

        Assert.True(await Table.InsertRowAsync(entry, before.Version.Next(), Cancellation));

        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.NotEqual(before.Version.ETag, after.Version.ETag);
        var row = Assert.Single(after.Entries);
        AssertSameEntry(entry, row.Entry);
        Assert.False(string.IsNullOrEmpty(row.ETag));
    }

    [Fact]
    public async Task InsertRow_ForSiloThatAlreadyHasRow_ReturnsFalseAndKeepsFirstRow()
    {
        var silo = Silo(1);
        var first = NewEntry(silo, name: "first");
        Assert.True(await Table.InsertRowAsync(first, (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var current = await Table.ReadAllAsync(Cancellation);

        var inserted = await Table.InsertRowAsync(NewEntry(silo, name: "second"), current.Version.Next(), Cancellation);

        Assert.False(inserted);
        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(current.Version, after.Version);
        var row = Assert.Single(after.Entries);
        Assert.Equal("first", row.Entry.SiloName);
        Assert.Equal(current.Entries[0].ETag, row.ETag);
    }

    [Fact]
    public async Task InsertRow_WithStaleVersion_ReturnsFalseAndWritesNothing()
    {
        var snapshot = await Table.ReadAllAsync(Cancellation);
        Assert.True(await Table.InsertRowAsync(NewEntry(Silo(1)), snapshot.Version.Next(), Cancellation));

        var inserted = await Table.InsertRowAsync(NewEntry(Silo(2)), snapshot.Version.Next(), Cancellation);

        Assert.False(inserted);
        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(Silo(1), Assert.Single(after.Entries).Entry.Silo);
        Assert.Equal(1, after.Version.Version);
    }

    [Fact]
    public async Task InsertRow_WithVersionNotIssuedByTable_ReturnsFalse()
    {
        var snapshot = await Table.ReadAllAsync(Cancellation);

        Assert.False(await Table.InsertRowAsync(NewEntry(Silo(1)), new TableVersion(snapshot.Version.Version, "forged").Next(), Cancellation));
        Assert.False(await Table.InsertRowAsync(NewEntry(Silo(1)), snapshot.Version.Next().Next(), Cancellation));
        Assert.False(await Table.InsertRowAsync(NewEntry(Silo(1)), snapshot.Version, Cancellation));

        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Empty(after.Entries);
        Assert.Equal(snapshot.Version, after.Version);
    }

    [Fact]
    public async Task InsertRow_WhenManySilosRaceWithSameVersion_ExactlyOneWins()
    {
        var snapshot = await Table.ReadAllAsync(Cancellation);
        var entries = Enumerable.Range(1, 20).Select(i => NewEntry(Silo(i))).ToList();

        var outcomes = await Task.WhenAll(entries.Select(entry => Task.Run(() => Table.InsertRowAsync(entry, snapshot.Version.Next(), Cancellation), Cancellation)));

        var winner = Assert.Single(entries.Where((_, i) => outcomes[i]));
        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(winner.Silo, Assert.Single(after.Entries).Entry.Silo);
        Assert.Equal(snapshot.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_WithCurrentEtagAndVersion_ReplacesRowChangesEtagAndIncrementsVersion()
    {
        var silo = Silo(1);
        Assert.True(await Table.InsertRowAsync(NewEntry(silo, MembershipStatus.Joining), (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var snapshot = await Table.ReadAllAsync(Cancellation);
        var row = Assert.Single(snapshot.Entries);
        var active = row.Entry with { Status = MembershipStatus.Active, SiloName = "renamed" };

        Assert.True(await Table.UpdateRowAsync(active, row.ETag, snapshot.Version.Next(), Cancellation));

        var after = await Table.ReadAllAsync(Cancellation);
        var updated = Assert.Single(after.Entries);
        AssertSameEntry(active, updated.Entry);
        Assert.NotEqual(row.ETag, updated.ETag);
        Assert.Equal(snapshot.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_WithStaleRowEtag_ReturnsFalseAndKeepsRow()
    {
        var silo = Silo(1);
        Assert.True(await Table.InsertRowAsync(NewEntry(silo), (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var stale = await Table.ReadAllAsync(Cancellation);
        var staleRow = Assert.Single(stale.Entries);
        var shuttingDown = staleRow.Entry with { Status = MembershipStatus.ShuttingDown };
        Assert.True(await Table.UpdateRowAsync(shuttingDown, staleRow.ETag, stale.Version.Next(), Cancellation));
        var current = await Table.ReadAllAsync(Cancellation);

        var updated = await Table.UpdateRowAsync(staleRow.Entry with { Status = MembershipStatus.Dead }, staleRow.ETag, current.Version.Next(), Cancellation);

        Assert.False(updated);
        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(MembershipStatus.ShuttingDown, Assert.Single(after.Entries).Entry.Status);
        Assert.Equal(current.Entries[0].ETag, after.Entries[0].ETag);
    }

    [Fact]
    public async Task UpdateRow_WithCurrentEtagButStaleTableVersion_ReturnsFalse()
    {
        Assert.True(await Table.InsertRowAsync(NewEntry(Silo(1)), (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var stale = await Table.ReadAllAsync(Cancellation);
        Assert.True(await Table.InsertRowAsync(NewEntry(Silo(2)), stale.Version.Next(), Cancellation));
        var row = Assert.Single(stale.Entries);

        var updated = await Table.UpdateRowAsync(row.Entry with { Status = MembershipStatus.Dead }, row.ETag, stale.Version.Next(), Cancellation);

        Assert.False(updated);
        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(2, after.Version.Version);
        Assert.All(after.Entries, r => Assert.Equal(MembershipStatus.Active, r.Entry.Status));
    }

    [Fact]
    public async Task UpdateRow_ForSiloWithoutRow_ReturnsFalse()
    {
        var snapshot = await Table.ReadAllAsync(Cancellation);

        Assert.False(await Table.UpdateRowAsync(NewEntry(Silo(1)), "no-such-etag", snapshot.Version.Next(), Cancellation));

        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Empty(after.Entries);
        Assert.Equal(snapshot.Version, after.Version);
    }

    [Fact]
    public async Task UpdateRow_WhenManyVotersRaceWithSameVersion_ExactlyOneWins()
    {
        var suspect = Silo(1);
        Assert.True(await Table.InsertRowAsync(NewEntry(suspect), (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var snapshot = await Table.ReadAllAsync(Cancellation);
        var row = Assert.Single(snapshot.Entries);
        var votes = Enumerable.Range(2, 20)
            .Select(i => row.Entry with { Suspicions = [new SuspicionVote(Silo(i), Epoch.AddSeconds(i))] })
            .ToList();

        var outcomes = await Task.WhenAll(votes.Select(vote => Task.Run(() => Table.UpdateRowAsync(vote, row.ETag, snapshot.Version.Next(), Cancellation), Cancellation)));

        var winner = Assert.Single(votes.Where((_, i) => outcomes[i]));
        var after = await Table.ReadAllAsync(Cancellation);
        AssertSameEntry(winner, Assert.Single(after.Entries).Entry);
        Assert.Equal(snapshot.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task InsertAndUpdate_RacingWithSameVersion_ExactlyOneWins()
    {
        Assert.True(await Table.InsertRowAsync(NewEntry(Silo(1)), (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var snapshot = await Table.ReadAllAsync(Cancellation);
        var row = Assert.Single(snapshot.Entries);

        var outcomes = await Task.WhenAll(
            Task.Run(() => Table.InsertRowAsync(NewEntry(Silo(2)), snapshot.Version.Next(), Cancellation), Cancellation),
            Task.Run(() => Table.UpdateRowAsync(row.Entry with { Status = MembershipStatus.Dead }, row.ETag, snapshot.Version.Next(), Cancellation), Cancellation));

        Assert.Single(outcomes, won => won);
        Assert.Equal(snapshot.Version.Version + 1, (await Table.ReadAllAsync(Cancellation)).Version.Version);
    }

    [Fact]
    public async Task Writes_InsertsAndUpdatesInSequence_IncrementVersionByOneEach()
    {
        for (var i = 1; i <= 3; i++)
        {
            var before = await Table.ReadAllAsync(Cancellation);
            Assert.True(await Table.InsertRowAsync(NewEntry(Silo(i)), before.Version.Next(), Cancellation));
            Assert.Equal(before.Version.Version + 1, (await Table.ReadAllAsync(Cancellation)).Version.Version);
        }

        for (var i = 1; i <= 3; i++)
        {
            var before = await Table.ReadAllAsync(Cancellation);
            var row = before.Entries.Single(r => r.Entry.Silo == Silo(i));
            Assert.True(await Table.UpdateRowAsync(row.Entry with { Status = MembershipStatus.ShuttingDown }, row.ETag, before.Version.Next(), Cancellation));
            Assert.Equal(before.Version.Version + 1, (await Table.ReadAllAsync(Cancellation)).Version.Version);
        }

        Assert.Equal(6, (await Table.ReadAllAsync(Cancellation)).Version.Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesOnlyHeartbeat_VersionAndEtagUnchanged()
    {
        var silo = Silo(1);
        var entry = NewEntry(silo, suspicions: [new SuspicionVote(Silo(2), Epoch.AddSeconds(3))]);
        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var before = await Table.ReadAllAsync(Cancellation);
        var heartbeat = Epoch.AddMinutes(5).AddTicks(1234567);

        await Table.UpdateIAmAliveAsync(silo, heartbeat, Cancellation);

        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(before.Version, after.Version);
        var row = Assert.Single(after.Entries);
        Assert.Equal(before.Entries[0].ETag, row.ETag);
        AssertSameEntry(entry with { IAmAliveTime = heartbeat }, row.Entry);
    }

    [Fact]
    public async Task UpdateIAmAlive_BetweenReadAndUpdate_DoesNotMakeTheUpdateFail()
    {
        var silo = Silo(1);
        Assert.True(await Table.InsertRowAsync(NewEntry(silo), (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        var snapshot = await Table.ReadAllAsync(Cancellation);
        var row = Assert.Single(snapshot.Entries);

        await Table.UpdateIAmAliveAsync(silo, Epoch.AddMinutes(1), Cancellation);
        var updated = await Table.UpdateRowAsync(row.Entry with { Suspicions = [new SuspicionVote(Silo(2), Epoch.AddMinutes(1))] }, row.ETag, snapshot.Version.Next(), Cancellation);

        Assert.True(updated);
        Assert.Single(Assert.Single((await Table.ReadAllAsync(Cancellation)).Entries).Entry.Suspicions);
    }

    [Fact]
    public async Task UpdateIAmAlive_ForSiloWithoutRow_ThrowsInvalidOperation()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Table.UpdateIAmAliveAsync(Silo(1), Epoch, Cancellation));

        Assert.Empty((await Table.ReadAllAsync(Cancellation)).Entries);
    }

    [Fact]
    public async Task ReadAll_RoundTripsEveryFieldOfAnEntry()
    {
        var offset = TimeSpan.FromHours(-7);
        var entry = new MembershipEntry(
            new SiloAddress("silo-0.silo.game.svc.cluster.local", 11111, 638_700_000_123L),
            MembershipStatus.ShuttingDown,
            "pod \"silo-0\" / ü",
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, offset).AddTicks(1),
            new DateTimeOffset(2025, 1, 2, 3, 9, 5, offset).AddTicks(9_999_999),
            [new SuspicionVote(Silo(7), Epoch), new SuspicionVote(Silo(8), Epoch.AddTicks(5))]);

        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));

        AssertSameEntry(entry, Assert.Single((await Table.ReadAllAsync(Cancellation)).Entries).Entry);
    }

    [Fact]
    public async Task ReadAll_WhileSilosJoinConcurrently_EverySnapshotIsConsistent()
    {
        const int Joiners = 30;
        const int Readers = 3;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var snapshots = new List<MembershipTableData>();
        var readersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        async Task ReadLoopAsync()
        {
            var first = true;
            while (first || !stop.IsCancellationRequested)
            {
                var data = await Table.ReadAllAsync(Cancellation);
                lock (snapshots)
                {
                    snapshots.Add(data);
                }

                if (first && Interlocked.Increment(ref started) == Readers)
                {
                    readersStarted.SetResult();
                }

                first = false;
                await Task.Yield();
            }
        }

        async Task JoinAsync(int i)
        {
            // Like a silo joining: read, propose the next version, re-read and retry when another silo won.
            while (true)
            {
                var data = await Table.ReadAllAsync(Cancellation);
                await Task.Yield();
                if (await Table.InsertRowAsync(NewEntry(Silo(i)), data.Version.Next(), Cancellation))
                {
                    return;
                }
            }
        }

        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(ReadLoopAsync, Cancellation)).ToList();
        await readersStarted.Task.WaitAsync(Cancellation);
        await Task.WhenAll(Enumerable.Range(1, Joiners).Select(i => Task.Run(() => JoinAsync(i), Cancellation)));
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        // Only inserts happened, each adding one row and one version: a consistent snapshot has as many rows as its version.
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, s => Assert.Equal(s.Version.Version, s.Entries.Count));
        var final = await Table.ReadAllAsync(Cancellation);
        Assert.Equal(Joiners, final.Entries.Count);
        Assert.Equal(Joiners, final.Version.Version);
        Assert.Equal(Joiners, final.Entries.Select(r => r.Entry.Silo).Distinct().Count());
    }

    [Fact]
    public async Task CleanupDefunctEntries_RemovesOnlyDeadRowsLastSeenBeforeCutoff()
    {
        var cutoff = Epoch.AddHours(1);
        var old = Epoch;
        var recent = cutoff.AddMinutes(1);
        MembershipEntry[] entries =
        [
            NewEntry(Silo(1), MembershipStatus.Dead, alive: old),
            NewEntry(Silo(2), MembershipStatus.Dead, alive: recent),
            NewEntry(Silo(3), MembershipStatus.Active, alive: old),
            NewEntry(Silo(4), MembershipStatus.ShuttingDown, alive: old),
            NewEntry(Silo(5), MembershipStatus.Dead, alive: old),
        ];
        foreach (var entry in entries)
        {
            Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync(Cancellation)).Version.Next(), Cancellation));
        }

        await Table.UpdateIAmAliveAsync(Silo(5), recent, Cancellation);
        var before = await Table.ReadAllAsync(Cancellation);

        await Table.CleanupDefunctEntriesAsync(cutoff, Cancellation);

        var after = await Table.ReadAllAsync(Cancellation);
        Assert.Equal([Silo(2), Silo(3), Silo(4), Silo(5)], after.Entries.Select(r => r.Entry.Silo).OrderBy(s => s.Port));
        Assert.All(after.Entries, r => Assert.Equal(before.Entries.Single(b => b.Entry.Silo == r.Entry.Silo).ETag, r.ETag));
        Assert.Equal(before.Version.Version, after.Version.Version);
    }

    protected static SiloAddress Silo(int n) => new("127.0.0.1", 11110 + n, 638_000_000_000L + n);

    protected static MembershipEntry NewEntry(
        SiloAddress silo,
        MembershipStatus status = MembershipStatus.Active,
        string? name = null,
        DateTimeOffset? alive = null,
        IReadOnlyList<SuspicionVote>? suspicions = null) =>
        new(silo, status, name ?? $"silo-{silo.Port}", Epoch, alive ?? Epoch.AddSeconds(1), suspicions ?? []);

    protected static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.Silo, actual.Silo);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.Suspicions, actual.Suspicions);
    }
}
