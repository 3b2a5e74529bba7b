using System.Data.Common;
using GameCluster.Storage;

namespace GameCluster.Reminders;

/// <summary>Reminders in the <c>reminders</c> table of a SQLite or PostgreSQL database.</summary>
internal sealed class SqlReminderTable(SqlDatabase database) : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at_ms, period_ms, version";

    public Task InitializeAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync(cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadShareAsync(int shareIndex, int shareCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shareCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shareIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shareIndex, shareCount);

        // grain_hash holds the unsigned hash's bits in a signed integer: mask them back before taking the modulo.
        return QueryAsync($"SELECT {Columns} FROM reminders WHERE (grain_hash & 4294967295) % @count = @index", cancellationToken,
            ("@count", (long)shareCount), ("@index", (long)shareIndex));
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_key = @key", cancellationToken,
            ("@type", grainId.Type), ("@key", grainId.Key));

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var entries = await QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_key = @key AND reminder_name = @name", cancellationToken,
            ("@type", grainId.Type), ("@key", grainId.Key), ("@name", reminderName));
        return entries.Count == 0 ? null : entries[0];
    }

    public async Task<ReminderEntry> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = SqlDatabase.CreateCommand(connection, null,
            """
            INSERT INTO reminders (grain_type, grain_key, reminder_name, start_at_ms, period_ms, grain_hash, version)
            VALUES (@type, @key, @name, @start, @period, @hash, 1)
            ON CONFLICT (grain_type, grain_key, reminder_name)
            DO UPDATE SET start_at_ms = excluded.start_at_ms, period_ms = excluded.period_ms, version = reminders.version + 1
            RETURNING version
            """,
            ("@type", entry.GrainId.Type), ("@key", entry.GrainId.Key), ("@name", entry.ReminderName),
            ("@start", entry.StartAt.ToUnixTimeMilliseconds()), ("@period", (long)entry.Period.TotalMilliseconds),
            ("@hash", unchecked((int)entry.GrainId.GetUniformHashCode())));
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return entry with { ETag = EtagVersion.Format(version) };
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = SqlDatabase.CreateCommand(connection, null,
            "DELETE FROM reminders WHERE grain_type = @type AND grain_key = @key AND reminder_name = @name",
            ("@type", grainId.Type), ("@key", grainId.Key), ("@name", reminderName));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = SqlDatabase.CreateCommand(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    private static ReminderEntry Read(DbDataReader reader) => new(
        new GrainId(reader.GetString(0), reader.GetString(1)),
        reader.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        TimeSpan.FromMilliseconds(reader.GetInt64(4)),
        EtagVersion.Format(reader.GetInt64(5)));
}
