using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The outbox contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlOutboxTests(PostgreSqlDatabaseFixture database)
    : OutboxContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
