using System.Data.Common;

namespace GameCluster.Storage;

/// <summary>
/// One SQL database used by grain storage and reminders: its connections, its dialect, and the schema scripts
/// that ship with the runtime, applied once and idempotently at start.
/// </summary>
internal sealed class SqlDatabase(DbDataSource dataSource, SqlDialect dialect) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Task? _schema;

    public DbDataSource DataSource { get; } = dataSource;

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>Applies the schema scripts that were not applied yet; runs once per process.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                _schema = ApplySchemaAsync(cancellationToken);
            }

            return _schema;
        }
    }

    /// <summary>Creates a command with named parameters (null becomes DBNull).</summary>
    public static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private async Task ApplySchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Dialect.LockForMigrationAsync(connection, transaction, cancellationToken);
        await using (var create = CreateCommand(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (id, script) in Scripts())
        {
            if (await CountsAnyAsync(connection, transaction, "SELECT COUNT(*) FROM schema_migrations WHERE id = @id", cancellationToken, ("@id", id)))
            {
                continue;
            }

            await ApplyScriptAsync(connection, transaction, script, cancellationToken);

            await using var record = CreateCommand(connection, transaction,
                "INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at)",
                ("@id", id),
                ("@at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs one schema script, unless its first line is <c>-- skip when: QUERY</c> and that query counts more than
    /// zero rows: how a script whose statement has no IF NOT EXISTS form (SQLite's ADD COLUMN) stays safe to apply again.
    /// </summary>
    internal static async Task ApplyScriptAsync(DbConnection connection, DbTransaction? transaction, string script, CancellationToken cancellationToken)
    {
        const string SkipWhen = "-- skip when: ";
        if (script.StartsWith(SkipWhen, StringComparison.Ordinal))
        {
            var end = script.IndexOf('\n', StringComparison.Ordinal);
            var condition = end < 0 ? script[SkipWhen.Length..] : script[SkipWhen.Length..end];
            if (await CountsAnyAsync(connection, transaction, condition.Trim(), cancellationToken))
            {
                return;
            }
        }

        await using var apply = CreateCommand(connection, transaction, script);
        await apply.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether a <c>SELECT COUNT(*)</c> query counts more than zero rows.</summary>
    private static async Task<bool> CountsAnyAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = CreateCommand(connection, transaction, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private IEnumerable<(string Id, string Script)> Scripts()
    {
        var assembly = typeof(SqlDatabase).Assembly;
        const string folder = "GameCluster.Storage.Schema.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder + Dialect.SchemaPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name[(folder.Length + Dialect.SchemaPrefix.Length)..], reader.ReadToEnd());
        }
    }
}
