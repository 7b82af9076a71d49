using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Settings;

public sealed class SqliteSettingsTests(SqliteDatabaseFixture database)
    : SettingsContract(database), IClassFixture<SqliteDatabaseFixture>;
