using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Accounts;

public sealed class SqliteSignInThrottleTests(SqliteDatabaseFixture database)
    : SignInThrottleContract(database), IClassFixture<SqliteDatabaseFixture>;
