using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The confirmation contract on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerConfirmationTests(SqlServerDatabaseFixture database)
    : ConfirmationContract(database), IClassFixture<SqlServerDatabaseFixture>;
