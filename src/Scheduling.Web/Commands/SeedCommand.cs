using Scheduling.Infrastructure.Persistence;
using Scheduling.Web.Composition;

namespace Scheduling.Web.Commands;

/// <summary>
/// <c>seed --scale N</c>: builds a practice under load in a fresh database (see <see cref="PracticeSeeder"/>)
/// for the benchmarks, then exits. It refuses a database that already has rooms or referrals.
/// The seeder is made after the database is migrated: it reads the clinic's saved settings, whose table
/// a new database does not have yet (and every command is made to list them, so none may read it early).
/// </summary>
public sealed class SeedCommand(DatabaseInitializer initializer, IServiceProvider services) : IAppCommand
{
    public string Name => "seed";

    public string Usage => "seed --scale N          build a benchmark practice in a fresh database, then exit";

    public async Task<int> RunAsync(CommandArguments arguments, CancellationToken cancellationToken)
    {
        await initializer.MigrateAsync(cancellationToken);
        var seeder = services.GetRequiredService<PracticeSeeder>();
        var summary = await seeder.SeedAsync(PracticeSeeder.ParseArguments(Environment.GetCommandLineArgs().SkipWhile(a => a != Name).ToList()), cancellationToken);
        Console.WriteLine(
            $"Seeded {summary.Rooms} rooms, {summary.Doctors} doctors, {summary.Referrals} referrals, {summary.Slots} slots, {summary.Bookings} bookings, {summary.Courses} treatment courses ({summary.ClosedCourses} closed; telling them took {summary.TellingCourses.TotalSeconds:0.0} s) in {summary.Elapsed.TotalSeconds:0.0} s.");
        if (summary.Capacity is { } capacity)
        {
            Console.WriteLine(
                $"Capacity: {capacity.RecoveryUnits} recovery units with {capacity.Bays} bays, {capacity.Physicians} IR physicians, {capacity.Nurses} sedation nurses, {capacity.TimeAway} entries of time away; {capacity.Claims} claims; {capacity.SlotsLeftFree} slots left free for want of a bay, physician, nurse or open room.");
        }

        return 0;
    }
}
