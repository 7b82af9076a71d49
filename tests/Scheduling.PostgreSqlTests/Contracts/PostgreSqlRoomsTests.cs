using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The rooms contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlRoomsTests(PostgreSqlDatabaseFixture database)
    : RoomsContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
