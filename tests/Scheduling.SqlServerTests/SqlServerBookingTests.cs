using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The booking contract, races included, on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerBookingTests(SqlServerDatabaseFixture database)
    : BookingContract(database), IClassFixture<SqlServerDatabaseFixture>;
