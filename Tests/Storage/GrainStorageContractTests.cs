using GameCluster.Hosting;
using GameCluster.Runtime;
using GameCluster.Storage;
using GameCluster.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.Storage;

/// <summary>
/// The contract every grain storage provider keeps, driven directly through <see cref="IGrainStorage"/> as the
/// runtime's persistent state drives it: ETag concurrency, clear, and JSON state that tolerates version changes.
/// Each derived class runs these assertions against one backend, on a silo of its own per test.
/// </summary>
public abstract class GrainStorageContractTests : IAsyncLifetime
{
    protected const string StateName = "profile";

    private TestSilo? _silo;

    protected IGrainStorage Storage =>
        (_silo ?? throw new InvalidOperationException("The silo has not started.")).Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(ConfigureStorage, memoryStorage: false);

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ReadState_WhenNoRecordExists_GivesDefaultStateWithoutEtag()
    {
        var state = new TestGrainState<ProfileStateV1> { State = SampleProfile(), ETag = "7", RecordExists = true };

        await Storage.ReadStateAsync(StateName, NewGrainId(), state, Cancellation);

        Assert.Equivalent(new ProfileStateV1(), state.State, strict: true);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task WriteState_ThenRead_RoundTripsStateAndChangesEtagOnEveryWrite()
    {
        var grainId = NewGrainId();
        var writer = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        var etags = new List<string?>();

        for (var level = 1; level <= 3; level++)
        {
            writer.State.Level = level;
            await Storage.WriteStateAsync(StateName, grainId, writer, Cancellation);
            Assert.True(writer.RecordExists);
            etags.Add(writer.ETag);
        }

        Assert.All(etags, Assert.NotNull);
        Assert.Equal(etags.Count, etags.Distinct().Count());
        var reader = new TestGrainState<ProfileStateV1>();
        await Storage.ReadStateAsync(StateName, grainId, reader, Cancellation);
        Assert.Equivalent(writer.State, reader.State, strict: true);
        Assert.Equal(etags[^1], reader.ETag);
        Assert.True(reader.RecordExists);
    }

    [Fact]
    public async Task WriteState_WithStaleEtag_ThrowsInconsistentStateAndKeepsStoredState()
    {
        var grainId = NewGrainId();
        var first = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, first, Cancellation);
        var stale = new TestGrainState<ProfileStateV1>();
        await Storage.ReadStateAsync(StateName, grainId, stale, Cancellation);
        first.State.Level = 50;
        await Storage.WriteStateAsync(StateName, grainId, first, Cancellation);
        var staleEtag = stale.ETag;

        stale.State.Level = 99;
        stale.State.Name = "zombie";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale, Cancellation));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, stale, Cancellation));

        Assert.Equal(staleEtag, stale.ETag);
        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.Equivalent(first.State, stored.State, strict: true);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task WriteState_WithEtagNotIssuedByStorage_ThrowsInconsistentState()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, new TestGrainState<ProfileStateV1> { State = SampleProfile() }, Cancellation);

        var forged = new TestGrainState<ProfileStateV1> { State = new ProfileStateV1 { Name = "forged" }, ETag = "not-an-etag" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, forged, Cancellation));
        Assert.Equal(SampleProfile().Name, (await ReadAsync<ProfileStateV1>(grainId)).State.Name);
    }

    [Fact]
    public async Task WriteState_WhenTwoInsertsRace_FirstWinsAndSecondThrowsInconsistentState()
    {
        var grainId = NewGrainId();
        var first = new TestGrainState<ProfileStateV1>();
        var second = new TestGrainState<ProfileStateV1>();
        await Storage.ReadStateAsync(StateName, grainId, first, Cancellation);
        await Storage.ReadStateAsync(StateName, grainId, second, Cancellation);
        Assert.Null(first.ETag);
        Assert.Null(second.ETag);

        first.State.Name = "first";
        await Storage.WriteStateAsync(StateName, grainId, first, Cancellation);
        second.State.Name = "second";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, second, Cancellation));

        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.Equal("first", stored.State.Name);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task WriteState_WhenManyInsertsRaceConcurrently_ExactlyOneWins()
    {
        var grainId = NewGrainId();
        var writers = Enumerable.Range(0, 8).Select(i => new TestGrainState<ProfileStateV1> { State = new ProfileStateV1 { Name = $"writer-{i}" } }).ToList();

        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await Storage.WriteStateAsync(StateName, grainId, writer, Cancellation);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var winner = Assert.Single(writers.Where((_, i) => outcomes[i]));
        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.Equal(winner.State.Name, stored.State.Name);
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task ClearState_ThenRead_GivesDefaultStateAndNoRecord()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, state, Cancellation);
        var writtenEtag = state.ETag;

        await Storage.ClearStateAsync(StateName, grainId, state, Cancellation);

        Assert.False(state.RecordExists);
        Assert.Equivalent(new ProfileStateV1(), state.State, strict: true);
        Assert.NotEqual(writtenEtag, state.ETag);
        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.False(stored.RecordExists);
        Assert.Equivalent(new ProfileStateV1(), stored.State, strict: true);
        Assert.Equal(state.ETag, stored.ETag);
    }

    [Fact]
    public async Task WriteState_WithEtagReadBeforeClear_ThrowsInconsistentState()
    {
        var grainId = NewGrainId();
        var owner = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, owner, Cancellation);
        var stale = await ReadAsync<ProfileStateV1>(grainId);
        await Storage.ClearStateAsync(StateName, grainId, owner, Cancellation);

        stale.State.Name = "zombie";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale, Cancellation));

        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.False(stored.RecordExists);
        Assert.Equal(string.Empty, stored.State.Name);
    }

    [Fact]
    public async Task WriteState_AfterClearWithCurrentEtag_StoresTheRecordAgain()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, state, Cancellation);
        await Storage.ClearStateAsync(StateName, grainId, state, Cancellation);

        state.State.Name = "reborn";
        await Storage.WriteStateAsync(StateName, grainId, state, Cancellation);

        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.True(stored.RecordExists);
        Assert.Equal("reborn", stored.State.Name);
        Assert.Equal(state.ETag, stored.ETag);
    }

    [Fact]
    public async Task WriteState_ForOneStateName_LeavesOtherStatesOfTheGrainAlone()
    {
        var grainId = NewGrainId();
        var profile = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, profile, Cancellation);
        var other = new TestGrainState<ProfileStateV1> { State = new ProfileStateV1 { Name = "other" } };

        await Storage.WriteStateAsync("other", grainId, other, Cancellation);
        await Storage.ClearStateAsync("other", grainId, other, Cancellation);

        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.Equivalent(profile.State, stored.State, strict: true);
        Assert.Equal(profile.ETag, stored.ETag);
    }

    [Fact]
    public async Task ReadState_WrittenAsV1AndReadAsV2_GivesTheNewPropertyItsDefault()
    {
        var grainId = NewGrainId();
        var v1 = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, v1, Cancellation);

        var v2 = await ReadAsync<ProfileStateV2>(grainId);

        Assert.True(v2.RecordExists);
        Assert.Equal(v1.State.Name, v2.State.Name);
        Assert.Equal(v1.State.Level, v2.State.Level);
        Assert.Equal(v1.State.Inventory, v2.State.Inventory);
        Assert.Equal(v1.State.Wallet, v2.State.Wallet);
        Assert.Equal(ProfileStateV2.DefaultTitle, v2.State.Title);

        // The upgraded grain keeps writing with the ETag it read.
        v2.State.Title = "Champion";
        await Storage.WriteStateAsync(StateName, grainId, v2, Cancellation);
        Assert.Equal("Champion", (await ReadAsync<ProfileStateV2>(grainId)).State.Title);
    }

    [Fact]
    public async Task ReadState_WrittenAsV2AndReadAsV1_IgnoresTheUnknownProperty()
    {
        var grainId = NewGrainId();
        var v2 = new TestGrainState<ProfileStateV2>
        {
            State = new ProfileStateV2 { Name = "Grace", Level = 12, Inventory = ["bow"], Wallet = new() { ["gems"] = 3 }, Title = "Champion" },
        };
        await Storage.WriteStateAsync(StateName, grainId, v2, Cancellation);

        var v1 = await ReadAsync<ProfileStateV1>(grainId);

        Assert.True(v1.RecordExists);
        Assert.Equivalent(new ProfileStateV1 { Name = "Grace", Level = 12, Inventory = ["bow"], Wallet = new() { ["gems"] = 3 } }, v1.State, strict: true);
        Assert.Equal(v2.ETag, v1.ETag);
    }

    [Fact]
    public async Task WriteState_WithExpiryAhead_ReadsBackTheStateAndItsExpiry()
    {
        var grainId = NewGrainId();
        var expiresAt = WholeMilliseconds(DateTimeOffset.UtcNow.AddHours(1));
        var writer = new TestGrainState<ProfileStateV1> { State = SampleProfile(), ExpiresAt = expiresAt };

        await Storage.WriteStateAsync(StateName, grainId, writer, Cancellation);

        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.True(stored.RecordExists);
        Assert.Equivalent(writer.State, stored.State, strict: true);
        Assert.Equal(expiresAt, stored.ExpiresAt);
        Assert.Null((await ReadAsync<ProfileStateV1>(await WriteAsync(expiresAt: null))).ExpiresAt);
    }

    [Fact]
    public async Task ReadState_PastExpiry_FindsNoRecordButAWriteWithItsEtagStillSucceeds()
    {
        var grainId = NewGrainId();
        var writer = new TestGrainState<ProfileStateV1> { State = SampleProfile(), ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        await Storage.WriteStateAsync(StateName, grainId, writer, Cancellation);

        var expired = await ReadAsync<ProfileStateV1>(grainId);

        Assert.False(expired.RecordExists);
        Assert.Equivalent(new ProfileStateV1(), expired.State, strict: true);
        Assert.Null(expired.ExpiresAt);
        Assert.Equal(writer.ETag, expired.ETag);
        expired.State.Name = "renewed";
        await Storage.WriteStateAsync(StateName, grainId, expired, Cancellation);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, writer, Cancellation));
        var renewed = await ReadAsync<ProfileStateV1>(grainId);
        Assert.True(renewed.RecordExists);
        Assert.Equal("renewed", renewed.State.Name);
        Assert.Null(renewed.ExpiresAt);
    }

    [Fact]
    public async Task ExpiredStateSweep_DeletesExpiredRecordsOnlyAndInBatches()
    {
        var expired = await WriteAsync(DateTimeOffset.UtcNow.AddMinutes(-1));
        var alsoExpired = await WriteAsync(DateTimeOffset.UtcNow.AddMinutes(-2));
        var expiresLater = await WriteAsync(DateTimeOffset.UtcNow.AddHours(1));
        var neverExpires = await WriteAsync(expiresAt: null);
        var expiring = Assert.IsAssignableFrom<IExpiringGrainStorage>(Storage);

        Assert.Equal(1, await expiring.DeleteExpiredAsync(DateTimeOffset.UtcNow, limit: 1, Cancellation));
        var sweeper = _silo!.Services.GetRequiredService<ExpiredStateSweeper>();
        await sweeper.SweepAsync(Cancellation);

        // A deleted row leaves no version behind; an expired row not yet deleted would.
        Assert.Null((await ReadAsync<ProfileStateV1>(expired)).ETag);
        Assert.Null((await ReadAsync<ProfileStateV1>(alsoExpired)).ETag);
        Assert.True((await ReadAsync<ProfileStateV1>(expiresLater)).RecordExists);
        Assert.True((await ReadAsync<ProfileStateV1>(neverExpires)).RecordExists);
    }

    protected abstract void ConfigureStorage(ISiloBuilder silo);

    protected static GrainId NewGrainId() => new("storage-contract", TestServices.NewKey("profile"));

    protected static ProfileStateV1 SampleProfile() => new()
    {
        Name = "Ada",
        Level = 7,
        Inventory = ["sword", "shield", "potion"],
        Wallet = new() { ["coins"] = 1_250, ["gems"] = 40 },
    };

    private static DateTimeOffset WholeMilliseconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private async Task<GrainId> WriteAsync(DateTimeOffset? expiresAt)
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, new TestGrainState<ProfileStateV1> { State = SampleProfile(), ExpiresAt = expiresAt }, Cancellation);
        return grainId;
    }

    protected async Task<TestGrainState<TState>> ReadAsync<TState>(GrainId grainId)
        where TState : new()
    {
        var state = new TestGrainState<TState>();
        await Storage.ReadStateAsync(StateName, grainId, state, Cancellation);
        return state;
    }
}
