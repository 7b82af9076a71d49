using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Slots;

/// <summary>The slots contract on SQLite, the embedded default provider.</summary>
public sealed class SqliteSlotsTests(SqliteDatabaseFixture database)
    : SlotsContract(database), IClassFixture<SqliteDatabaseFixture>;
