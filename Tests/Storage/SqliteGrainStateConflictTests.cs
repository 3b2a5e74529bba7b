namespace GameCluster.Tests.Storage;

/// <summary>Duplicate activations on two silos sharing a SQLite file.</summary>
public sealed class SqliteGrainStateConflictTests(SqliteTestDatabase database)
    : GrainStateConflictTests(database), IClassFixture<SqliteTestDatabase>;
