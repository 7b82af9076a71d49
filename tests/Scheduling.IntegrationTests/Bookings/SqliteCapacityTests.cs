using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Bookings;

/// <summary>The capacity contract (claims, races for the last bay and for one physician, holds, leave) on SQLite.</summary>
public sealed class SqliteCapacityTests(SqliteDatabaseFixture database)
    : CapacityContract(database), IClassFixture<SqliteDatabaseFixture>;
