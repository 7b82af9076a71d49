using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The sign-in throttle contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlSignInThrottleTests(PostgreSqlDatabaseFixture database)
    : SignInThrottleContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
