using Microsoft.EntityFrameworkCore;

using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Web.Composition;

/// <summary>
/// The practice's capacity as a day unit really has it: per scale, one recovery unit of
/// <see cref="BaysPerScale"/> bays, <see cref="PhysiciansPerScale"/> IR physicians (the first is the
/// seeded radiologist's account, so they can enter their own time away; the others are names the
/// admin keeps) and <see cref="NursesPerScale"/> sedation nurses, each with weekly hours and about
/// five weeks of leave a year (staggered, so never everyone at once); a weekly tumour board on
/// Tuesday afternoons for every fourth physician; and a maintenance morning for each room every eight
/// weeks. Every booking that holds its places is planned by the app's own rule
/// (<see cref="CapacityPlanner"/>, fairest physician first) and gets its claims; a slot whose case
/// cannot be placed (no bay, no physician, the room under maintenance) is left free, so the seeded
/// practice never has an overfull bay or a physician in two places (the claims' key would refuse it).
/// </summary>
public sealed partial class PracticeSeeder
{
    public const int BaysPerScale = 12;
    public const int PhysiciansPerScale = 8;
    public const int NursesPerScale = 8;

    /// <summary>Weeks of the year (counted from the first seeded Monday, shifted per person) that a physician or nurse is on leave: two weeks together and three single weeks.</summary>
    private static readonly int[] LeaveWeeks = [0, 1, 17, 30, 43];

    private static readonly string[] NurseNames =
        ["Grace", "Ana", "Tom", "Priya", "Joan", "Luis", "Mei", "Olga", "Sam", "Ruth"];

    /// <summary>What was made, for the log and the summary.</summary>
    public sealed record CapacitySummary(int RecoveryUnits, int Bays, int Physicians, int Nurses, int TimeAway)
    {
        /// <summary>Claims written for the bookings that hold their places.</summary>
        public int Claims { get; init; }

        /// <summary>Slots the seeder would have booked but whose case could not be placed (no bay, physician, nurse, or the room closed).</summary>
        public int SlotsLeftFree { get; init; }
    }

    /// <summary>The seeded resources as the planner sees them, and the claims of the day being seeded.</summary>
    private sealed class SeedCapacity(IReadOnlyList<ResourceCalendar> resources, IReadOnlyList<UnavailableWindow> away, ClinicTime clinicTime)
    {
        private readonly Dictionary<(Guid, DateOnly), int> _casesPerMonth = [];
        private CapacitySnapshot? _day;
        private DateOnly _date;

        public int Claims { get; private set; }

        public int SlotsLeftFree { get; set; }

        /// <summary>The plan for the slot's case, with the fairest free physician; null when something it needs is not free.</summary>
        public CapacityPlan? Plan(Slot slot, string roomName)
        {
            var date = clinicTime.LocalDate(slot.StartUtc);
            if (_day is null || date != _date)
            {
                _date = date;
                _day = ForDay(date);
            }

            return CapacityPlanner.Check(new CapacityRequest(slot.RoomId, roomName, slot.StartUtc, slot.EndUtc), _day).Plan;
        }

        /// <summary>The booking holds <paramref name="plan"/>'s places from now on (its claims are written with it).</summary>
        public IEnumerable<ResourceClaim> Hold(Guid bookingId, Slot slot, CapacityPlan plan)
        {
            foreach (var claim in plan.Claims)
            {
                _day!.Occupancy.Add(claim.ResourceId, claim.Unit, claim.Seat);
            }

            foreach (var counted in new[] { plan.PhysicianId, plan.SedationNurseId }.OfType<Guid>())
            {
                var month = (counted, CapacityPlanner.MonthOf(slot.StartUtc, clinicTime));
                _casesPerMonth[month] = _casesPerMonth.GetValueOrDefault(month) + 1;
            }

            Claims += plan.Claims.Count;
            return plan.Claims.Select(c => ResourceClaim.ForBooking(bookingId, c));
        }

        private CapacitySnapshot ForDay(DateOnly date)
        {
            // A case and its recovery lie within its day; the day's unavailability is all the planner needs.
            var from = clinicTime.ToUtc(date, TimeOnly.MinValue);
            var to = clinicTime.ToUtc(date.AddDays(1), TimeOnly.MinValue);
            var todays = away.Where(u => u.EndUtc > from && u.StartUtc < to).ToLookup(u => u.ResourceId);
            var calendars = resources.Select(r => r with { Unavailable = todays[r.Id].ToList() }).ToList();
            return new CapacitySnapshot(ProcedureRequirements.Defaults(), calendars, new ClaimOccupancy(), clinicTime) { CasesPerMonth = _casesPerMonth };
        }
    }

    /// <summary>Adds the recovery units, physicians, nurses, their hours and time away, and the rooms' maintenance mornings.</summary>
    private async Task<(SeedCapacity Capacity, CapacitySummary Summary)> AddCapacityAsync(
        int scale, List<RoomSchedule> rooms, string radiologistId, DateOnly from, DateOnly to, DateTime createdAt, CancellationToken cancellationToken)
    {
        var calendars = new List<ResourceCalendar>();
        var away = new List<Unavailability>();
        var weekdays = WeeklyHours.Defaults().ToList();
        var firstMonday = from.AddDays(((int)DayOfWeek.Monday - (int)from.DayOfWeek + 7) % 7);
        var weeks = ((to.DayNumber - firstMonday.DayNumber) / 7) + 1;

        var names = new HashSet<string>();
        ResourceCalendar Add(ResourceKind kind, string name, int capacity, string? userId, IEnumerable<WeeklyWindow> hours)
        {
            // Names are unique per kind; at large scales the made-up ones repeat and get a number.
            var unique = names.Add($"{kind}:{Resource.Normalize(name)}") ? name : $"{name} {calendars.Count}";
            names.Add($"{kind}:{Resource.Normalize(unique)}");
            var resource = Resource.Create(kind, unique, capacity, userId, createdAt);
            db.Resources.Add(resource);
            var windows = hours.ToList();
            db.WeeklyHours.AddRange(windows.Select(w => WeeklyHours.Create(resource.Id, w)));
            var calendar = new ResourceCalendar(resource.Id, kind, resource.Name, resource.Capacity, true, windows, []);
            calendars.Add(calendar);
            return calendar;
        }

        Unavailability Away(Guid resourceId, DateOnly day, TimeOnly fromTime, DateOnly endDay, TimeOnly toTime, UnavailabilityKind kind, string? note, Guid? series) =>
            Unavailability.Create(resourceId, clinicTime.ToUtc(day, fromTime), clinicTime.ToUtc(endDay, toTime), kind, note, series, AdminEmail, createdAt);

        // About five weeks a year, staggered by person so the unit is never short of everyone at once.
        void Leave(Guid resourceId, int shift)
        {
            bool OnLeave(int w) => w >= 0 && LeaveWeeks.Contains((w + shift) % 52);
            for (var week = 0; week < weeks; week++)
            {
                if (!OnLeave(week) || OnLeave(week - 1))
                {
                    continue;
                }

                var last = week;
                while (last + 1 < weeks && OnLeave(last + 1))
                {
                    last++;
                }

                away.Add(Away(resourceId, firstMonday.AddDays(7 * week), TimeOnly.MinValue, firstMonday.AddDays((7 * last) + 5), TimeOnly.MinValue, UnavailabilityKind.Leave, null, null));
            }
        }

        for (var u = 1; u <= scale; u++)
        {
            Add(ResourceKind.RecoveryUnit, scale == 1 ? "Day unit" : $"Day unit {u}", BaysPerScale, null, weekdays);
        }

        for (var p = 0; p < PhysiciansPerScale * scale; p++)
        {
            // Every fourth physician works Monday to Thursday.
            var hours = weekdays.Where(w => p % 4 != 3 || w.Weekday != DayOfWeek.Friday).Select(w => w with { To = new TimeOnly(17, 0) });
            var physician = p == 0
                ? Add(ResourceKind.Physician, "Dr. Seed Radiologist", 1, radiologistId, hours)
                : Add(ResourceKind.Physician, $"Dr. {FirstNames[p % FirstNames.Length]} {LastNames[((p / LastNames.Length) + p) % LastNames.Length]}", 1, null, hours);
            Leave(physician.Id, p * 5);
            if (p % 4 == 0)
            {
                var series = Guid.CreateVersion7();
                for (var week = 0; week < weeks; week++)
                {
                    var tuesday = firstMonday.AddDays((7 * week) + 1);
                    away.Add(Away(physician.Id, tuesday, new TimeOnly(13, 0), tuesday, new TimeOnly(15, 0), UnavailabilityKind.Meeting, "Tumour board", series));
                }
            }
        }

        for (var n = 0; n < NursesPerScale * scale; n++)
        {
            var nurse = Add(ResourceKind.SedationNurse, $"{NurseNames[n % NurseNames.Length]} {LastNames[(n + (n / NurseNames.Length) + 7) % LastNames.Length]}, RN", 1, null,
                weekdays.Select(w => w with { To = new TimeOnly(17, 0) }));
            Leave(nurse.Id, 3 + (n * 7));
        }

        // Each room is serviced one Wednesday morning in eight, rooms in turn.
        for (var r = 0; r < rooms.Count; r++)
        {
            for (var week = r % 8; week < weeks; week += 8)
            {
                var wednesday = firstMonday.AddDays((7 * week) + 2);
                away.Add(Away(rooms[r].RoomId, wednesday, new TimeOnly(7, 0), wednesday, new TimeOnly(12, 0), UnavailabilityKind.Maintenance, "Equipment service", null));
            }
        }

        foreach (var room in rooms)
        {
            calendars.Add(new ResourceCalendar(room.RoomId, ResourceKind.Room, string.Empty, 1, true, [], []));
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        foreach (var chunk in away.Chunk(BatchSize * 2))
        {
            db.Unavailabilities.AddRange(chunk);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var windows = away.Select(a => a.ToWindow()).OrderBy(a => a.StartUtc).ToList();
        var summary = new CapacitySummary(
            scale, BaysPerScale * scale, PhysiciansPerScale * scale, NursesPerScale * scale, away.Count);
        return (new SeedCapacity(calendars, windows, clinicTime), summary);
    }
}
