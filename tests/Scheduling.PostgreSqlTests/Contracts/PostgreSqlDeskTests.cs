using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The scheduler-desk contract (day list, patient search, call log) on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlDeskTests(PostgreSqlDatabaseFixture database)
    : DeskContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
