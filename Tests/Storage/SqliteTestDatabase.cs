using System.Data.Common;
using GameCluster.Hosting;
using GameCluster.Runtime;
using GameCluster.Storage;
using Microsoft.Data.Sqlite;

namespace GameCluster.Tests.Storage;

/// <summary>A SQLite file in a temp folder of its own, shared by one test class and deleted after it.</summary>
public sealed class SqliteTestDatabase : TestDatabase, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gamecluster-tests-{Guid.NewGuid():N}");

    public SqliteTestDatabase()
    {
        Directory.CreateDirectory(_directory);
    }

    public string DatabasePath => Path.Combine(_directory, FileName);

    public override string SchemaPrefix => "sqlite.";

    private static string FileName => "gamecluster.db";

    public override void AddGrainStorage(ISiloBuilder silo) => silo.AddSqliteGrainStorage(GrainStorageNames.Default, Configure);

    public override void UseReminders(ISiloBuilder silo) => silo.UseSqliteReminders(Configure);

    public override DbConnection CreateConnection() =>
        new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, DefaultTimeout = 30 }.ToString());

    internal override SqlDatabase CreateSqlDatabase() =>
        new(SqliteFactory.Instance.CreateDataSource(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, DefaultTimeout = 30 }.ToString()),
            new SqliteDialect());

    public void Dispose()
    {
        // Silos keep pooled connections to the file; closing the idle ones lets the folder go on every OS.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private void Configure(SqliteStorageOptions options)
    {
        options.DataDirectory = _directory;
        options.FileName = FileName;
    }
}
