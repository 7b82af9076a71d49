using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Messaging;

public sealed class SqliteOutboxTests(SqliteDatabaseFixture database)
    : OutboxContract(database), IClassFixture<SqliteDatabaseFixture>;
