using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Rooms;

/// <summary>The room contract on SQLite, the embedded default provider.</summary>
public sealed class SqliteRoomsTests(SqliteDatabaseFixture database)
    : RoomsContract(database), IClassFixture<SqliteDatabaseFixture>;
