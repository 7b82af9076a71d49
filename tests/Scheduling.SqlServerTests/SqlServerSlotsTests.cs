using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The slots contract on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerSlotsTests(SqlServerDatabaseFixture database)
    : SlotsContract(database), IClassFixture<SqlServerDatabaseFixture>;
