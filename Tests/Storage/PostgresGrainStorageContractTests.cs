namespace GameCluster.Tests.Storage;

/// <summary>The grain storage contract in the real PostgreSQL server.</summary>
public sealed class PostgresGrainStorageContractTests(PostgresTestDatabase database)
    : SqlGrainStorageContractTests(database), IClassFixture<PostgresTestDatabase>;
