using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The ResourceClaims migration's rule for existing bookings, on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerClaimsMigrationTests(SqlServerDatabaseFixture database)
    : ClaimsMigrationContract(database), IClassFixture<SqlServerDatabaseFixture>;
