using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The clinic settings contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlSettingsTests(PostgreSqlDatabaseFixture database)
    : SettingsContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
