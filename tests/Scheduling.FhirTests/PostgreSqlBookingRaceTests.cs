using Scheduling.FhirTests.Infrastructure;
using Scheduling.TestSupport.Databases;

namespace Scheduling.FhirTests;

/// <summary>The $book race on PostgreSQL: the app of its own on a new database of the configured server (skipped without one).</summary>
public sealed class PostgreSqlBookingRaceTests
{
    [Fact]
    public async System.Threading.Tasks.Task FiftyParallelBooks_OfOneProposedAppointment_MakeExactlyOneBooking_OnPostgreSql()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        await using var server = FhirServer.On(async cancellationToken => await PostgreSqlServer.CreateDatabaseAsync("fhir_race", cancellationToken));
        await server.InitializeAsync();

        var race = await BookingRace.RunAsync(server, calls: 50);

        Assert.True(race.Other.Count == 0, string.Join("\n", race.Other));
        Assert.Equal(1, race.Booked);
        Assert.Equal(49, race.Conflicts);
        Assert.Equal(1, race.BookingsInTheDatabase);
    }
}
