using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Migrations;

/// <summary>The QueueOrder migration's rule for existing referrals, on SQLite.</summary>
public sealed class SqliteQueueOrderMigrationTests(SqliteDatabaseFixture database)
    : QueueOrderMigrationContract(database), IClassFixture<SqliteDatabaseFixture>;
