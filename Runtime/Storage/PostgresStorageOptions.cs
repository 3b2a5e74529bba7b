namespace GameCluster.Storage;

/// <summary>PostgreSQL storage settings (configuration section <c>Storage:Postgres</c>).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>The Npgsql connection string, for example <c>Host=postgres;Username=game;Password=...;Database=game</c>. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
