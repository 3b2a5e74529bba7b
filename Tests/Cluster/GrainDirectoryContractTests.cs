using GameCluster.GrainDirectory;
using GameCluster.Membership;

namespace GameCluster.Tests.Cluster;

/// <summary>
/// The contract every grain directory keeps: one winner per grain however registrations race, compare-and-delete,
/// and removal of exactly the entries of dead silos. Each derived class runs these assertions against one backend,
/// on a fresh directory per test.
/// </summary>
public abstract class GrainDirectoryContractTests : IAsyncLifetime
{
    private IGrainDirectory? _directory;

    protected IGrainDirectory Directory => _directory ?? throw new InvalidOperationException("The directory has not been created.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Creates an empty directory no other test uses.</summary>
    protected abstract ValueTask<IGrainDirectory> CreateDirectoryAsync();

    public async ValueTask InitializeAsync() => _directory = await CreateDirectoryAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Register_WhenNoEntryExists_ReturnsTheGivenAddress()
    {
        var address = Address(NewGrain(), Silo(1));

        var registered = await Directory.RegisterAsync(address, Cancellation);

        Assert.Equal(address, registered);
        Assert.Equal(address, await Directory.LookupAsync(address.GrainId, Cancellation));
    }

    [Fact]
    public async Task Register_WhenAnotherActivationIsRegistered_ReturnsTheExistingWinner()
    {
        var grain = NewGrain();
        var first = Address(grain, Silo(1));
        await Directory.RegisterAsync(first, Cancellation);

        var registered = await Directory.RegisterAsync(Address(grain, Silo(2)), Cancellation);

        Assert.Equal(first, registered);
        Assert.Equal(first, await Directory.LookupAsync(grain, Cancellation));
    }

    [Fact]
    public async Task Register_SameAddressTwice_ReturnsItBothTimes()
    {
        var address = Address(NewGrain(), Silo(1));

        Assert.Equal(address, await Directory.RegisterAsync(address, Cancellation));
        Assert.Equal(address, await Directory.RegisterAsync(address, Cancellation));
    }

    [Fact]
    public async Task Register_When50RegistrationsRaceForSameGrain_AllGetTheSameSingleWinner()
    {
        var grain = NewGrain();
        var candidates = Enumerable.Range(0, 50).Select(i => Address(grain, Silo(1 + (i % 5)))).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racing = candidates.Select(candidate => Task.Run(
            async () =>
            {
                await start.Task;
                return await Directory.RegisterAsync(candidate, Cancellation);
            },
            Cancellation)).ToList();
        start.SetResult();
        var results = await Task.WhenAll(racing);

        var winner = Assert.Single(results.Distinct());
        Assert.Contains(winner, candidates);
        Assert.Equal(winner, await Directory.LookupAsync(grain, Cancellation));
    }

    [Fact]
    public async Task Register_ManyGrainsRacingFromThreeSilos_ExactlyOneWinnerPerGrain()
    {
        var grains = Enumerable.Range(0, 200).Select(_ => NewGrain()).ToList();
        var attempts = grains.SelectMany(grain => Enumerable.Range(1, 3).Select(silo => Address(grain, Silo(silo)))).ToList();

        var results = await Task.WhenAll(attempts.Select(address => Task.Run(() => Directory.RegisterAsync(address, Cancellation), Cancellation)));

        foreach (var group in results.GroupBy(r => r.GrainId))
        {
            var winner = Assert.Single(group.Distinct());
            Assert.Equal(winner, await Directory.LookupAsync(group.Key, Cancellation));
        }

        Assert.Equal(grains.Count, results.Select(r => r.GrainId).Distinct().Count());
    }

    [Fact]
    public async Task Lookup_OfUnregisteredGrain_ReturnsNull()
    {
        Assert.Null(await Directory.LookupAsync(NewGrain(), Cancellation));
    }

    [Fact]
    public async Task Register_GrainKeysWithSeparatorsAndUnicode_AreDistinctAndRoundTrip()
    {
        var id = Guid.NewGuid().ToString("N");
        var a = Address(new GrainId("player", $"{id}/a/b"), Silo(1));
        var b = Address(new GrainId("player", $"{id}/a"), Silo(2));
        var c = Address(new GrainId("player", $"{id}+ext \"ü\" 🎮"), Silo(3));

        await Directory.RegisterAsync(a, Cancellation);
        await Directory.RegisterAsync(b, Cancellation);
        await Directory.RegisterAsync(c, Cancellation);

        Assert.Equal(a, await Directory.LookupAsync(a.GrainId, Cancellation));
        Assert.Equal(b, await Directory.LookupAsync(b.GrainId, Cancellation));
        Assert.Equal(c, await Directory.LookupAsync(c.GrainId, Cancellation));
    }

    [Fact]
    public async Task Unregister_WithRegisteredAddress_RemovesEntryAndReturnsTrue()
    {
        var address = Address(NewGrain(), Silo(1));
        await Directory.RegisterAsync(address, Cancellation);

        Assert.True(await Directory.UnregisterAsync(address, Cancellation));

        Assert.Null(await Directory.LookupAsync(address.GrainId, Cancellation));
        Assert.False(await Directory.UnregisterAsync(address, Cancellation));
    }

    [Fact]
    public async Task Unregister_WithDifferentActivation_ReturnsFalseAndKeepsTheEntry()
    {
        var grain = NewGrain();
        var winner = Address(grain, Silo(1));
        await Directory.RegisterAsync(winner, Cancellation);

        Assert.False(await Directory.UnregisterAsync(Address(grain, Silo(1)), Cancellation));
        Assert.False(await Directory.UnregisterAsync(winner with { Silo = Silo(2) }, Cancellation));
        Assert.False(await Directory.UnregisterAsync(winner with { ActivationId = "other" }, Cancellation));

        Assert.Equal(winner, await Directory.LookupAsync(grain, Cancellation));
    }

    [Fact]
    public async Task Unregister_OfUnregisteredGrain_ReturnsFalse()
    {
        Assert.False(await Directory.UnregisterAsync(Address(NewGrain(), Silo(1)), Cancellation));
    }

    [Fact]
    public async Task Register_AfterUnregister_RegistersTheNewActivation()
    {
        var grain = NewGrain();
        var old = Address(grain, Silo(1));
        await Directory.RegisterAsync(old, Cancellation);
        Assert.True(await Directory.UnregisterAsync(old, Cancellation));
        var next = Address(grain, Silo(2));

        Assert.Equal(next, await Directory.RegisterAsync(next, Cancellation));
        Assert.Equal(next, await Directory.LookupAsync(grain, Cancellation));
    }

    [Fact]
    public async Task UnregisterSilos_RemovesExactlyTheEntriesOfThoseSilos()
    {
        var bySilo = new Dictionary<SiloAddress, List<GrainAddress>>();
        for (var silo = 1; silo <= 3; silo++)
        {
            bySilo[Silo(silo)] = [];
            for (var i = 0; i < 20; i++)
            {
                var address = Address(NewGrain(), Silo(silo));
                bySilo[Silo(silo)].Add(await Directory.RegisterAsync(address, Cancellation));
            }
        }

        await Directory.UnregisterSilosAsync([Silo(1), Silo(3)], Cancellation);

        foreach (var address in bySilo[Silo(1)].Concat(bySilo[Silo(3)]))
        {
            Assert.Null(await Directory.LookupAsync(address.GrainId, Cancellation));
        }

        foreach (var address in bySilo[Silo(2)])
        {
            Assert.Equal(address, await Directory.LookupAsync(address.GrainId, Cancellation));
        }
    }

    [Fact]
    public async Task UnregisterSilos_AfterGrainMovedToAnotherSilo_KeepsTheNewEntry()
    {
        var grain = NewGrain();
        var old = Address(grain, Silo(1));
        await Directory.RegisterAsync(old, Cancellation);
        Assert.True(await Directory.UnregisterAsync(old, Cancellation));
        var moved = await Directory.RegisterAsync(Address(grain, Silo(2)), Cancellation);

        await Directory.UnregisterSilosAsync([Silo(1)], Cancellation);

        Assert.Equal(moved, await Directory.LookupAsync(grain, Cancellation));
    }

    [Fact]
    public async Task UnregisterSilos_WithManyEntries_RemovesAllOfThem()
    {
        var addresses = Enumerable.Range(0, 1200).Select(_ => Address(NewGrain(), Silo(1))).ToList();
        await Task.WhenAll(addresses.Select(a => Directory.RegisterAsync(a, Cancellation)));
        var survivor = await Directory.RegisterAsync(Address(NewGrain(), Silo(2)), Cancellation);

        await Directory.UnregisterSilosAsync([Silo(1)], Cancellation);

        var lookups = await Task.WhenAll(addresses.Select(a => Directory.LookupAsync(a.GrainId, Cancellation)));
        Assert.All(lookups, Assert.Null);
        Assert.Equal(survivor, await Directory.LookupAsync(survivor.GrainId, Cancellation));
    }

    [Fact]
    public async Task UnregisterSilos_ForSiloWithoutEntriesOrNoSilos_ChangesNothing()
    {
        var address = await Directory.RegisterAsync(Address(NewGrain(), Silo(1)), Cancellation);

        await Directory.UnregisterSilosAsync([Silo(9)], Cancellation);
        await Directory.UnregisterSilosAsync([], Cancellation);

        Assert.Equal(address, await Directory.LookupAsync(address.GrainId, Cancellation));
    }

    [Fact]
    public async Task Register_AfterUnregisterSilos_RegistersTheNewActivation()
    {
        var grain = NewGrain();
        await Directory.RegisterAsync(Address(grain, Silo(1)), Cancellation);
        await Directory.UnregisterSilosAsync([Silo(1)], Cancellation);
        var next = Address(grain, Silo(2));

        Assert.Equal(next, await Directory.RegisterAsync(next, Cancellation));
        Assert.Equal(next, await Directory.LookupAsync(grain, Cancellation));

        // The dead silo's earlier registration left nothing behind that a second cleanup could remove.
        await Directory.UnregisterSilosAsync([Silo(1)], Cancellation);
        Assert.Equal(next, await Directory.LookupAsync(grain, Cancellation));
    }

    protected static GrainId NewGrain() => new("counter", Guid.NewGuid().ToString("N"));

    protected static SiloAddress Silo(int n) => new("127.0.0.1", 11110 + n, 638_000_000_000L + n);

    protected static GrainAddress Address(GrainId grain, SiloAddress silo) => new(grain, silo, Guid.NewGuid().ToString("N"));
}
