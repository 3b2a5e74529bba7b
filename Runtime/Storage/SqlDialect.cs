using System.Data.Common;

namespace GameCluster.Storage;

/// <summary>What differs between the SQL databases the storage providers support.</summary>
internal abstract class SqlDialect
{
    /// <summary>The prefix of this dialect's embedded schema scripts.</summary>
    public abstract string SchemaPrefix { get; }

    /// <summary>An expression for the JSON payload parameter.</summary>
    public abstract string JsonParameter { get; }

    /// <summary>A select expression reading the JSON payload as text.</summary>
    public abstract string JsonColumn { get; }

    /// <summary>The column that names a row physically, for deleting a limited batch of rows.</summary>
    public abstract string RowId { get; }

    /// <summary>Takes a lock that serializes schema migration across processes, inside the open transaction.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The value stored in <c>updated_at</c>.</summary>
    public abstract object Now();
}
