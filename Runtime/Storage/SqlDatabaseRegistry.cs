using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GameCluster.Storage;

/// <summary>One <see cref="SqlDatabase"/> per database, shared by the grain storage and reminder table that use it.</summary>
internal sealed class SqlDatabaseRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SqlDatabase>> _databases = new(StringComparer.Ordinal);

    public SqlDatabase GetSqlite(SqliteStorageOptions options)
    {
        var path = options.DatabasePath;
        return _databases.GetOrAdd("sqlite:" + path, _ => new Lazy<SqlDatabase>(() =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            EnableWriteAheadLog(connectionString);
            return new SqlDatabase(SqliteFactory.Instance.CreateDataSource(connectionString), new SqliteDialect());
        })).Value;
    }

    public SqlDatabase GetPostgres(PostgresStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Storage:Postgres:ConnectionString is required for PostgreSQL storage.");
        }

        return _databases.GetOrAdd("postgres:" + options.ConnectionString, key => new Lazy<SqlDatabase>(() =>
            new SqlDatabase(NpgsqlDataSource.Create(options.ConnectionString), new PostgresDialect()))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases.Values.Where(d => d.IsValueCreated))
        {
            await database.Value.DisposeAsync();
        }
    }

    private static void EnableWriteAheadLog(string connectionString)
    {
        // WAL lets readers proceed during a write; the setting persists in the file. Synchronous stays FULL so an
        // acknowledged write survives a crash.
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
