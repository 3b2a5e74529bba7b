using GameCluster.Tests.Storage;

namespace GameCluster.Tests.Reminders;

/// <summary>Reminders stored in the real PostgreSQL server.</summary>
public sealed class PostgresReminderTests(PostgresTestDatabase database) : ReminderTests(database), IClassFixture<PostgresTestDatabase>;
