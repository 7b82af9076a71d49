using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The QueueOrder migration's rule for existing referrals, on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerQueueOrderMigrationTests(SqlServerDatabaseFixture database)
    : QueueOrderMigrationContract(database), IClassFixture<SqlServerDatabaseFixture>;
