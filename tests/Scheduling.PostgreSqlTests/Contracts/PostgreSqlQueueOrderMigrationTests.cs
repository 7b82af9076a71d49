using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The QueueOrder migration's rule for existing referrals, on PostgreSQL.</summary>
public sealed class PostgreSqlQueueOrderMigrationTests(PostgreSqlDatabaseFixture database)
    : QueueOrderMigrationContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
