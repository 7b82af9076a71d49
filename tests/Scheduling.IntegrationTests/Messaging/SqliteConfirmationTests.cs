using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Messaging;

public sealed class SqliteConfirmationTests(SqliteDatabaseFixture database)
    : ConfirmationContract(database), IClassFixture<SqliteDatabaseFixture>;
