using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The scheduler-desk contract (day list, patient search, call log) on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerDeskTests(SqlServerDatabaseFixture database)
    : DeskContract(database), IClassFixture<SqlServerDatabaseFixture>;
