using FluentValidation;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// The one home of "is this slot free now" and "the first free slots": the slot has not started,
/// was not withdrawn, its room is in service and no occupying booking holds it; and "the first
/// bookable slots": free, and everything its TACE needs can be had (<see cref="CapacityPlanner"/>),
/// with the reason for those that cannot. Booking, rescheduling, the book-from-calendar page, the
/// booking page's slot list and "next available" all ask here, with one default count, one maximum
/// and one first day.
/// </summary>
public static class SlotAvailability
{
    /// <summary>How many free slots a list shows when the scheduler does not say.</summary>
    public const int DefaultCount = 20;

    /// <summary>The most free slots one list returns.</summary>
    public const int MaxCount = 50;

    public static IQueryable<Slot> FreeSlotsAt(this IApplicationDbContext db, DateTime nowUtc)
    {
        var occupying = db.Bookings.Where(BookingStatuses.IsOccupyingExpr);
        return db.Slots.Where(s => s.StartUtc > nowUtc && !s.IsWithdrawn
            && db.Rooms.Any(r => r.Id == s.RoomId && r.IsActive)
            && !occupying.Any(b => b.SlotId == s.Id));
    }

    public static Task<bool> IsFreeAsync(this IApplicationDbContext db, Guid slotId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.FreeSlotsAt(nowUtc).AnyAsync(s => s.Id == slotId, cancellationToken);

    /// <summary>Where a free-slot list starts when no day is given: the earliest day the lead-time rule allows.</summary>
    public static DateOnly DefaultFrom(SlotPolicy policy, ClinicTime clinicTime, DateTime nowUtc) =>
        policy.EarliestBookableLocalDate(clinicTime.LocalDate(nowUtc));

    /// <summary>The count a scheduler may ask for, with the message next to the field otherwise.</summary>
    public static IRuleBuilderOptions<T, int> MustBeAFreeSlotCount<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, MaxCount).WithMessage($"Show between 1 and {MaxCount} slots.");

    public sealed record FreeSlot(Guid SlotId, Guid RoomId, string RoomName, DateTime StartUtc, DateTime EndUtc, DateOnly LocalDate);

    /// <summary>A free slot whose case can have everything it needs, with the physician it would get (null when none is needed).</summary>
    public sealed record Offer(FreeSlot Slot, Guid? PhysicianId, string? PhysicianName);

    /// <summary>A free slot that cannot be offered, and why ("no recovery bay 11:00–15:00").</summary>
    public sealed record NotOffered(FreeSlot Slot, string Reason);

    public sealed record Bookable(IReadOnlyList<Offer> Offers, IReadOnlyList<NotOffered> NotOffered);

    /// <summary>At most this many refused slots are listed with their reasons beside the offers.</summary>
    public const int MaxNotOfferedShown = 10;

    /// <summary>Free slots are checked in pages of this many (at least), up to <see cref="MaxPages"/> pages, so one request stays bounded.</summary>
    private const int MinPageSize = 40;
    private const int MaxPages = 8;

    /// <summary>
    /// The first <paramref name="count"/> free slots (as <see cref="FirstFreeAsync"/>) whose case can
    /// have everything it needs (with <paramref name="physicianId"/> when asked for), and the ones
    /// passed over on the way with their reasons. Checked page by page in start order against one
    /// capacity snapshot per page, so a busy fortnight costs a few queries, not one per slot.
    /// </summary>
    /// <param name="excludeBookingId">A booking being moved: its own claims are not in the way.</param>
    public static Task<Bookable> FirstBookableAsync(
        this IApplicationDbContext db, CapacitySnapshots snapshots, DateTime nowUtc, Guid? roomId, Guid? physicianId,
        DateOnly? from, DateOnly? before, int count, Guid? excludeBookingId, CancellationToken cancellationToken)
    {
        var wanted = Math.Clamp(count, 1, MaxCount);
        return db.WalkBookableAsync(snapshots, nowUtc, roomId, physicianId, from, before, _ => true, wanted, Math.Max(MinPageSize, wanted * 2), MaxPages, excludeBookingId, cancellationToken);
    }

    /// <summary>The longest stretch <see cref="BookableBetweenAsync"/> checks in one request.</summary>
    public static readonly TimeSpan MaxStretch = TimeSpan.FromDays(31);

    /// <summary>
    /// Every free slot starting in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) whose case can
    /// have everything it needs and that <paramref name="include"/> accepts (as <see cref="FirstBookableAsync"/>,
    /// with no count: the caller counts them all). The stretch is at most <see cref="MaxStretch"/>, so
    /// one request stays bounded; the caller refuses a longer one.
    /// </summary>
    public static Task<Bookable> BookableBetweenAsync(
        this IApplicationDbContext db, CapacitySnapshots snapshots, ClinicTime clinicTime, DateTime nowUtc, Guid? physicianId,
        DateTime fromUtc, DateTime toUtc, Func<FreeSlot, bool> include, CancellationToken cancellationToken)
    {
        if (toUtc - fromUtc > MaxStretch)
        {
            throw new ArgumentOutOfRangeException(nameof(toUtc), $"At most {MaxStretch.TotalDays:0} days are checked at once.");
        }

        return db.WalkBookableAsync(
            snapshots, nowUtc, roomId: null, physicianId, clinicTime.LocalDate(fromUtc), clinicTime.LocalDate(toUtc).AddDays(1),
            s => s.StartUtc >= fromUtc && s.StartUtc < toUtc && include(s), int.MaxValue, MinPageSize, int.MaxValue, excludeBookingId: null, cancellationToken);
    }

    /// <summary>
    /// The free slots from <paramref name="from"/> (before <paramref name="before"/>) that
    /// <paramref name="include"/> accepts, checked page by page in start order against one capacity
    /// snapshot per page, until <paramref name="wanted"/> offers or <paramref name="maxPages"/> pages.
    /// </summary>
    private static async Task<Bookable> WalkBookableAsync(
        this IApplicationDbContext db, CapacitySnapshots snapshots, DateTime nowUtc, Guid? roomId, Guid? physicianId,
        DateOnly? from, DateOnly? before, Func<FreeSlot, bool> include, int wanted, int pageSize, int maxPages, Guid? excludeBookingId,
        CancellationToken cancellationToken)
    {
        var offers = new List<Offer>();
        var refused = new List<NotOffered>();
        (DateTime StartUtc, string RoomName)? after = null;
        for (var page = 0; page < maxPages && offers.Count < wanted; page++)
        {
            var fetched = await db.FreeSlotsPageAsync(nowUtc, roomId, from, before, after, pageSize, cancellationToken);
            if (fetched.Count == 0)
            {
                break;
            }

            var slots = fetched.Where(include).ToList();
            if (slots.Count == 0)
            {
                if (fetched.Count < pageSize)
                {
                    break;
                }

                after = (fetched[^1].StartUtc, fetched[^1].RoomName);
                continue;
            }

            var snapshot = await snapshots.LoadAsync(slots[0].StartUtc, slots.Max(s => s.EndUtc), nowUtc, excludeBookingId, withCases: physicianId is null, cancellationToken);
            var names = snapshot.Resources.ToDictionary(r => r.Id, r => r.Name);
            foreach (var slot in slots)
            {
                var check = CapacityPlanner.Check(new CapacityRequest(slot.RoomId, slot.RoomName, slot.StartUtc, slot.EndUtc, physicianId), snapshot);
                if (check.Plan is { } plan)
                {
                    offers.Add(new Offer(slot, plan.PhysicianId, plan.PhysicianId is { } p ? names.GetValueOrDefault(p) : null));
                    if (offers.Count == wanted)
                    {
                        break;
                    }
                }
                else if (refused.Count < MaxNotOfferedShown)
                {
                    refused.Add(new NotOffered(slot, check.Reason));
                }
            }

            if (fetched.Count < pageSize)
            {
                break;
            }

            after = (fetched[^1].StartUtc, fetched[^1].RoomName);
        }

        return new Bookable(offers, refused);
    }

    /// <summary>
    /// The first free slots from the clinic-local day <paramref name="from"/> (any day when null; and before
    /// <paramref name="before"/> when given), in all rooms or one, in start order (then room name),
    /// at most <paramref name="count"/> kept between 1 and <see cref="MaxCount"/>. One query, ordered on
    /// the StartUtc index.
    /// </summary>
    public static Task<List<FreeSlot>> FirstFreeAsync(
        this IApplicationDbContext db, DateTime nowUtc, Guid? roomId, DateOnly? from, DateOnly? before, int count, CancellationToken cancellationToken) =>
        db.FreeSlotsPageAsync(nowUtc, roomId, from, before, after: null, Math.Clamp(count, 1, MaxCount), cancellationToken);

    /// <summary>As <see cref="FirstFreeAsync"/>, continuing after the slot at <paramref name="after"/> (its start and room name), any page size.</summary>
    private static async Task<List<FreeSlot>> FreeSlotsPageAsync(
        this IApplicationDbContext db, DateTime nowUtc, Guid? roomId, DateOnly? from, DateOnly? before,
        (DateTime StartUtc, string RoomName)? after, int take, CancellationToken cancellationToken)
    {
        var slots = db.FreeSlotsAt(nowUtc).AsNoTracking();
        if (from is { } start)
        {
            slots = slots.Where(s => s.LocalDate >= start);
        }

        if (before is { } end)
        {
            slots = slots.Where(s => s.LocalDate < end);
        }

        if (roomId is { } room)
        {
            slots = slots.Where(s => s.RoomId == room);
        }

        var rows = from s in slots
                   join r in db.Rooms on s.RoomId equals r.Id
                   select new { Slot = s, RoomName = r.Name };
        if (after is { } last)
        {
            rows = rows.Where(x => x.Slot.StartUtc > last.StartUtc || (x.Slot.StartUtc == last.StartUtc && x.RoomName.CompareTo(last.RoomName) > 0));
        }

        return await rows
            .OrderBy(x => x.Slot.StartUtc).ThenBy(x => x.RoomName)
            .Select(x => new FreeSlot(x.Slot.Id, x.Slot.RoomId, x.RoomName, x.Slot.StartUtc, x.Slot.EndUtc, x.Slot.LocalDate))
            .Take(take)
            .ToListAsync(cancellationToken);
    }
}
