using System.Data.Common;

namespace GameCluster.Storage;

/// <summary>PostgreSQL: JSON as jsonb, migrations serialized by an advisory lock.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    private const long MigrationLockKey = 0x6761_6D65_636C_7573;

    public override string SchemaPrefix => "postgres.";

    public override string JsonParameter => "CAST(@payload AS jsonb)";

    public override string JsonColumn => "payload::text";

    public override string RowId => "ctid";

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override object Now() => DateTime.UtcNow;
}
