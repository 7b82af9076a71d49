using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The capacity contract, races included, on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerCapacityTests(SqlServerDatabaseFixture database)
    : CapacityContract(database), IClassFixture<SqlServerDatabaseFixture>;
