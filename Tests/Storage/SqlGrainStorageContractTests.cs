using GameCluster.Hosting;
using GameCluster.Storage;

namespace GameCluster.Tests.Storage;

/// <summary>
/// The grain storage contract plus what only a SQL backend promises: state stored as JSON text that tools can
/// read, and schema scripts that can be applied again at any start without harm.
/// </summary>
public abstract class SqlGrainStorageContractTests(TestDatabase database) : GrainStorageContractTests
{
    [Fact]
    public async Task WriteState_StoresStateAsJsonTextInTheGrainStateTable()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, state, Cancellation);

        var row = await database.ReadGrainStateAsync(grainId, StateName);

        Assert.NotNull(row);
        using var json = row.ParsePayload();
        var root = json.RootElement;
        Assert.Equal("Ada", root.GetProperty("name").GetString());
        Assert.Equal(7, root.GetProperty("level").GetInt32());
        Assert.Equal(["sword", "shield", "potion"], root.GetProperty("inventory").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1_250, root.GetProperty("wallet").GetProperty("coins").GetInt64());
        Assert.Equal(40, root.GetProperty("wallet").GetProperty("gems").GetInt64());
    }

    [Fact]
    public async Task ClearState_RemovesThePayloadFromTheGrainStateTable()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, state, Cancellation);

        await Storage.ClearStateAsync(StateName, grainId, state, Cancellation);

        var row = await database.ReadGrainStateAsync(grainId, StateName);
        Assert.Null(row?.Payload);
    }

    [Fact]
    public async Task EnsureSchema_AppliedAgainWhileInUse_IsHarmless()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<ProfileStateV1> { State = SampleProfile() };
        await Storage.WriteStateAsync(StateName, grainId, state, Cancellation);
        var scripts = SchemaScripts();

        // Two more processes start on the database at the same time, then a third: each applies the schema.
        await using (var first = database.CreateSqlDatabase())
        await using (var second = database.CreateSqlDatabase())
        {
            await Task.WhenAll(first.EnsureSchemaAsync(Cancellation), second.EnsureSchemaAsync(Cancellation));
        }

        await using (var third = database.CreateSqlDatabase())
        {
            await third.EnsureSchemaAsync(Cancellation);
        }

        // The scripts themselves are idempotent too, even without the migration record.
        foreach (var script in scripts.Values)
        {
            await database.ApplySchemaScriptAsync(script);
        }

        Assert.Equal(scripts.Keys.Order(StringComparer.Ordinal), await database.QueryStringsAsync("SELECT id FROM schema_migrations ORDER BY id"));
        var stored = await ReadAsync<ProfileStateV1>(grainId);
        Assert.Equivalent(state.State, stored.State, strict: true);
        Assert.Equal(state.ETag, stored.ETag);
        stored.State.Level++;
        await Storage.WriteStateAsync(StateName, grainId, stored, Cancellation);
    }

    protected override void ConfigureStorage(ISiloBuilder silo) => database.AddGrainStorage(silo);

    /// <summary>The schema scripts that ship with the runtime for this database, by migration id.</summary>
    private Dictionary<string, string> SchemaScripts()
    {
        var assembly = typeof(SqlDatabase).Assembly;
        var prefix = "GameCluster.Storage.Schema." + database.SchemaPrefix;
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            scripts.Add(name[prefix.Length..], reader.ReadToEnd());
        }

        Assert.Contains("001_grain_state.sql", scripts.Keys);
        Assert.Contains("002_reminders.sql", scripts.Keys);
        return scripts;
    }
}
