namespace GameCluster.Tests.Storage;

/// <summary>The grain storage contract in a SQLite file of this test class.</summary>
public sealed class SqliteGrainStorageContractTests(SqliteTestDatabase database)
    : SqlGrainStorageContractTests(database), IClassFixture<SqliteTestDatabase>;
