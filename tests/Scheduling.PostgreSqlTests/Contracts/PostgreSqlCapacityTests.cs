using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The capacity contract, races included, on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlCapacityTests(PostgreSqlDatabaseFixture database)
    : CapacityContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
