using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The referrals contract on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerReferralsTests(SqlServerDatabaseFixture database)
    : ReferralsContract(database), IClassFixture<SqlServerDatabaseFixture>;
