using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Bookings;

/// <summary>The scheduler-desk contract (day list, patient search, call log) on SQLite.</summary>
public sealed class SqliteDeskTests(SqliteDatabaseFixture database)
    : DeskContract(database), IClassFixture<SqliteDatabaseFixture>;
