using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The confirmation contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlConfirmationTests(PostgreSqlDatabaseFixture database)
    : ConfirmationContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
