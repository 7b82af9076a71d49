using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The room contract on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerRoomsTests(SqlServerDatabaseFixture database)
    : RoomsContract(database), IClassFixture<SqlServerDatabaseFixture>;
