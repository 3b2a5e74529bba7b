using System.Data.Common;
using GameCluster.Hosting;
using GameCluster.Storage;

namespace GameCluster.Tests.Storage;

/// <summary>
/// A real SQL database that silos under test share: how a silo stores grain state and reminders in it, and how a test
/// reads it back with plain ADO.NET, independently of the provider being tested.
/// </summary>
public abstract class TestDatabase
{
    /// <summary>The prefix of this database's embedded schema scripts.</summary>
    public abstract string SchemaPrefix { get; }

    /// <summary>Adds grain storage named Default in this database.</summary>
    public abstract void AddGrainStorage(ISiloBuilder silo);

    /// <summary>Stores reminders in this database.</summary>
    public abstract void UseReminders(ISiloBuilder silo);

    /// <summary>A new, unopened ADO.NET connection to this database.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>A fresh runtime handle on this database, as another process starting on it would have.</summary>
    internal abstract SqlDatabase CreateSqlDatabase();

    /// <summary>The stored row of a grain state, or <see langword="null"/> when there is none.</summary>
    public async Task<StoredGrainState?> ReadGrainStateAsync(GrainId grainId, string stateName)
    {
        await using var connection = await OpenAsync();
        await using var command = CreateCommand(connection,
            "SELECT CAST(payload AS TEXT), version FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name",
            ("@type", grainId.Type), ("@key", grainId.Key), ("@name", stateName));
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        if (!await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            return null;
        }

        return new StoredGrainState(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>The names of a grain's rows in the reminders table.</summary>
    public async Task<IReadOnlyList<string>> ReadReminderNamesAsync(GrainId grainId)
    {
        await using var connection = await OpenAsync();
        await using var command = CreateCommand(connection,
            "SELECT reminder_name FROM reminders WHERE grain_type = @type AND grain_key = @key ORDER BY reminder_name",
            ("@type", grainId.Type), ("@key", grainId.Key));
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Deletes the reminders of the given grain keys, so that no later silo on this database fires them.</summary>
    public async Task DeleteRemindersAsync(IEnumerable<string> grainKeys)
    {
        await using var connection = await OpenAsync();
        foreach (var key in grainKeys)
        {
            await using var command = CreateCommand(connection, "DELETE FROM reminders WHERE grain_key = @key", ("@key", key));
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs one SQL statement (or script) and returns the affected row count.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = CreateCommand(connection, sql);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Applies one schema script as the runtime does (honouring its <c>-- skip when:</c> line).</summary>
    public async Task ApplySchemaScriptAsync(string script)
    {
        await using var connection = await OpenAsync();
        await SqlDatabase.ApplyScriptAsync(connection, null, script, TestContext.Current.CancellationToken);
    }

    /// <summary>Runs a query whose first column is text and returns those values.</summary>
    public async Task<IReadOnlyList<string>> QueryStringsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = CreateCommand(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<DbConnection> OpenAsync()
    {
        var connection = CreateConnection();
        await connection.OpenAsync(CancellationToken.None);
        return connection;
    }

    private static DbCommand CreateCommand(DbConnection connection, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
