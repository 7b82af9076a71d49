using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The sign-in throttle contract on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerSignInThrottleTests(SqlServerDatabaseFixture database)
    : SignInThrottleContract(database), IClassFixture<SqlServerDatabaseFixture>;
