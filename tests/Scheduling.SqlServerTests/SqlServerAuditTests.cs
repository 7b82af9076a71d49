using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The audit contract on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerAuditTests(SqlServerDatabaseFixture database)
    : AuditContract(database), IClassFixture<SqlServerDatabaseFixture>;
