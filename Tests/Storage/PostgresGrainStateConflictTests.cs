namespace GameCluster.Tests.Storage;

/// <summary>Duplicate activations on two silos sharing the PostgreSQL database.</summary>
public sealed class PostgresGrainStateConflictTests(PostgresTestDatabase database)
    : GrainStateConflictTests(database), IClassFixture<PostgresTestDatabase>;
