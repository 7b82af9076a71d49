using Scheduling.Web.Composition;

namespace Scheduling.Web.Commands;

/// <summary>
/// <c>seed --scale N</c>: builds a practice under load in a fresh database (see <see cref="PracticeSeeder"/>)
/// for the benchmarks, then exits. It refuses a database that already has rooms or referrals.
/// </summary>
public sealed class SeedCommand(PracticeSeeder seeder) : IAppCommand
{
    public string Name => "seed";

    public string Usage => "seed --scale N          build a benchmark practice in a fresh database, then exit";

    public async Task<int> RunAsync(CommandArguments arguments, CancellationToken cancellationToken)
    {
        var summary = await seeder.SeedAsync(PracticeSeeder.ParseArguments(Environment.GetCommandLineArgs().SkipWhile(a => a != Name).ToList()), cancellationToken);
        Console.WriteLine(
            $"Seeded {summary.Rooms} rooms, {summary.Doctors} doctors, {summary.Referrals} referrals, {summary.Slots} slots, {summary.Bookings} bookings in {summary.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
