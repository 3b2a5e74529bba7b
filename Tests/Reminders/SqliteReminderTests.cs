using GameCluster.Tests.Storage;

namespace GameCluster.Tests.Reminders;

/// <summary>Reminders stored in a SQLite file of this test class.</summary>
public sealed class SqliteReminderTests(SqliteTestDatabase database) : ReminderTests(database), IClassFixture<SqliteTestDatabase>;
