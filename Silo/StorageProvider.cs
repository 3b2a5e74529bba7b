namespace GameCluster.Silo;

/// <summary>Where the silo keeps grain state and reminders.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file under the data folder (the embedded default).</summary>
    Sqlite,

    /// <summary>PostgreSQL (production).</summary>
    Postgres,

    /// <summary>Process memory; lost on exit. Reminders are not available.</summary>
    Memory,
}
