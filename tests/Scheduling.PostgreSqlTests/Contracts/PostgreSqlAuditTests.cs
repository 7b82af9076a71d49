using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The audit contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlAuditTests(PostgreSqlDatabaseFixture database)
    : AuditContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
