using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The slots contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlSlotsTests(PostgreSqlDatabaseFixture database)
    : SlotsContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
