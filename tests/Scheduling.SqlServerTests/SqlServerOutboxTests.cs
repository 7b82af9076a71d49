using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The outbox contract on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerOutboxTests(SqlServerDatabaseFixture database)
    : OutboxContract(database), IClassFixture<SqlServerDatabaseFixture>;
