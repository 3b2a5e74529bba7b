namespace GameCluster.Storage;

/// <summary>SQLite storage settings (configuration section <c>Storage:Sqlite</c>).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The folder holding the database file; created if missing. Default <c>data</c> (relative to the working directory).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The database file name. Default <c>gamecluster.db</c>.</summary>
    public string FileName { get; set; } = "gamecluster.db";

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}
