using System.Data.Common;
using GameCluster.Hosting;
using GameCluster.Runtime;
using GameCluster.Storage;
using GameCluster.Tests.Infrastructure;
using Npgsql;

namespace GameCluster.Tests.Storage;

/// <summary>
/// The PostgreSQL database that ./test.sh starts (GAMECLUSTER_TEST_POSTGRES; a test fails when it is missing). Test
/// classes share it and keep apart by using unique grain keys.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public override string SchemaPrefix => "postgres.";

    public override void AddGrainStorage(ISiloBuilder silo) =>
        silo.AddPostgresGrainStorage(GrainStorageNames.Default, o => o.ConnectionString = TestServices.PostgresConnectionString);

    public override void UseReminders(ISiloBuilder silo) =>
        silo.UsePostgresReminders(o => o.ConnectionString = TestServices.PostgresConnectionString);

    public override DbConnection CreateConnection() => new NpgsqlConnection(TestServices.PostgresConnectionString);

    internal override SqlDatabase CreateSqlDatabase() => new(NpgsqlDataSource.Create(TestServices.PostgresConnectionString), new PostgresDialect());
}
