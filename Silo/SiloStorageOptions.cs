using GameCluster.Storage;

namespace GameCluster.Silo;

/// <summary>Storage choice of the silo host (configuration section <c>Storage</c>).</summary>
public sealed class SiloStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>The provider for grain state and reminders. Default <see cref="StorageProvider.Sqlite"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite settings (<c>Storage:Sqlite</c>).</summary>
    public SqliteStorageOptions Sqlite { get; set; } = new();

    /// <summary>PostgreSQL settings (<c>Storage:Postgres</c>).</summary>
    public PostgresStorageOptions Postgres { get; set; } = new();
}
