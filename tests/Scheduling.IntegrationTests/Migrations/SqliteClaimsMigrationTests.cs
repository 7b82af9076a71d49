using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Migrations;

/// <summary>The ResourceClaims migration's rule for existing bookings, on SQLite.</summary>
public sealed class SqliteClaimsMigrationTests(SqliteDatabaseFixture database)
    : ClaimsMigrationContract(database), IClassFixture<SqliteDatabaseFixture>;
