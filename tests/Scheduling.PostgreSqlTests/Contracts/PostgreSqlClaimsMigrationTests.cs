using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The ResourceClaims migration's rule for existing bookings, on PostgreSQL.</summary>
public sealed class PostgreSqlClaimsMigrationTests(PostgreSqlDatabaseFixture database)
    : ClaimsMigrationContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
