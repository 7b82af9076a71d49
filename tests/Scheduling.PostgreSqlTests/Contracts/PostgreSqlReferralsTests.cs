using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The referrals contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlReferralsTests(PostgreSqlDatabaseFixture database)
    : ReferralsContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
