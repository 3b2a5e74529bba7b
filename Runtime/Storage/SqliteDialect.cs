using System.Data.Common;
using System.Globalization;

namespace GameCluster.Storage;

/// <summary>SQLite: JSON as text, timestamps as ISO-8601 text, migrations serialized by the write lock.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public override string SchemaPrefix => "sqlite.";

    public override string JsonParameter => "@payload";

    public override string JsonColumn => "payload";

    public override string RowId => "rowid";

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override object Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
