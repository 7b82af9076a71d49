using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Bookings;

/// <summary>The booking contract, races included, on SQLite, the embedded default provider.</summary>
public sealed class SqliteBookingTests(SqliteDatabaseFixture database)
    : BookingContract(database), IClassFixture<SqliteDatabaseFixture>;
