using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Display;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Bookings;

/// <summary>
/// What booking, rescheduling and the pages that offer slots agree on: when a slot may take a
/// booking, how a slot is named to people, and the one message a lost race gets.
/// </summary>
public static class BookingRules
{
    public const string SlotTakenMessage = "This slot was just booked by someone else; pick another.";

    public const string ReferralChangedMessage = "This referral was just changed by someone else (it may already be booked); reload it.";

    public const string BookingChangedMessage = "This booking was just changed by someone else; reload it and try again.";

    /// <summary>A slot whose case cannot have everything it needs (<see cref="Domain.Capacity.CapacityPlanner"/>), with why.</summary>
    public static string NotBookableMessage(string reason) => $"This slot cannot be booked: {reason}. Pick another.";

    /// <summary>
    /// The answer to a slot whose case cannot be placed: if meanwhile someone booked the slot itself
    /// (a race for the same slot lost between the first check and the plan), the usual "just booked"
    /// message; otherwise the reason its case cannot have what it needs.
    /// </summary>
    internal static async Task<Error> NotBookableAsync(IApplicationDbContext db, Guid slotId, string reason, DateTime nowUtc, CancellationToken cancellationToken) =>
        await db.IsFreeAsync(slotId, nowUtc, cancellationToken)
            ? Error.Conflict(NotBookableMessage(reason))
            : Error.Conflict(SlotTakenMessage);

    /// <summary>Someone else took a place this case needed while it was being booked.</summary>
    public static string TakenMessage(string reason) => $"This slot was just taken: {reason}. Pick another.";

    /// <summary>Schedulers and admins run the booking book; anyone else is told the record does not exist.</summary>
    public static bool MayManageBookings(ICurrentUser user) =>
        user.IsInRole(Roles.Scheduler) || user.IsInRole(Roles.Admin);

    /// <summary>
    /// Who may hold, book or cancel for this referral: the clinic's schedulers and admins, and a
    /// hospital system booking for its own doctor's referrals (<see cref="Roles.IntegrationBooking"/>,
    /// the client's token acting as the referral's doctor). Anyone else is told the record does not exist.
    /// </summary>
    public static bool MayBookFor(ICurrentUser user, Referral referral) =>
        MayManageBookings(user) || IsBookingSystemOf(user, referral.DoctorUserId);

    /// <summary>A hospital system with the booking claim acting for the doctor who owns the referral.</summary>
    public static bool IsBookingSystemOf(ICurrentUser user, string doctorUserId) =>
        user.IsInRole(Roles.IntegrationBooking) && user.UserId is { } id && id == doctorUserId;

    /// <summary>Why a referral cannot take a booking (null when it can): already booked, or not ready.</summary>
    public static string? NotReadyMessage(Referral referral) =>
        referral.CanBeScheduled ? null
        : referral.Status == ReferralStatus.Scheduled
            ? "This referral already has a booking; reschedule or cancel that booking instead."
            : $"This referral is not ready to schedule (it is {DisplayNames.InSentence(referral.Status)}).";

    /// <summary>Only the clinic's schedulers may book inside the lead time (with a reason); a hospital system may not.</summary>
    public const string LeadTimeOverrideRefusedMessage = "Only the clinic's schedulers can book inside the lead time; pick a later slot.";

    /// <summary>
    /// "Tue 10 Mar 2026 at 7:30 AM", always in clinic time and the clinic's culture and clock style, for the
    /// timeline notes that must be text (written once; a later change of Clinic:Culture leaves them as written).
    /// </summary>
    public static string LocalText(ClinicTime clinicTime, DateTime startUtc)
    {
        var local = clinicTime.ToLocal(startUtc);
        return $"{ClinicFormats.Day(DateOnly.FromDateTime(local))} at {clinicTime.Time(local)}";
    }

    public static string DayText(DateOnly date) => ClinicFormats.Day(date);

    public static string SlotText(ClinicTime clinicTime, Slot slot, Room room) =>
        $"{LocalText(clinicTime, slot.StartUtc)} in {room.Name}";

    /// <summary>
    /// A slot that may take a new booking (or a moved one) now: it exists, has not started, was not
    /// withdrawn by a closure, its room is in service and no occupying booking holds it (the one
    /// "free now" query, <see cref="SlotAvailability.IsFreeAsync"/>). The checks before it name the
    /// reason; the last is a courtesy for a clear message; the unique index and the slot's token are the guarantee.
    /// </summary>
    internal static async Task<Result<(Slot Slot, Room Room)>> FindBookableSlotAsync(
        IApplicationDbContext db, Guid slotId, DateTime nowUtc, string field, CancellationToken cancellationToken)
    {
        var slot = await db.Slots.SingleOrDefaultAsync(s => s.Id == slotId, cancellationToken);
        if (slot is null)
        {
            return Error.Validation(field, "This slot no longer exists (a closure or template change may have removed it); pick another.");
        }

        var room = await db.Rooms.SingleAsync(r => r.Id == slot.RoomId, cancellationToken);
        if (slot.StartUtc <= nowUtc)
        {
            return Error.Validation(field, "This slot is in the past; pick a future slot.");
        }

        if (slot.IsWithdrawn)
        {
            return Error.Validation(field, "This slot is closed and takes no bookings; pick another.");
        }

        if (!room.IsActive)
        {
            return Error.Validation(field, $"{room.Name} is out of service; pick a slot in another room.");
        }

        if (!await db.IsFreeAsync(slotId, nowUtc, cancellationToken))
        {
            return Error.Conflict(SlotTakenMessage, field);
        }

        return (slot, room);
    }

    /// <summary>
    /// The lead-time rule: a slot before the earliest bookable day needs the scheduler's reason.
    /// Returns the reason to store (null when the policy was met), or a field error.
    /// </summary>
    internal static Result<string?> CheckLeadTime(
        SlotPolicy policy, ClinicTime clinicTime, Slot slot, DateTime nowUtc, string? overrideReason, string field)
    {
        if (policy.IsBookable(slot.StartUtc, nowUtc, clinicTime))
        {
            return Result<string?>.Success(null);
        }

        if (string.IsNullOrWhiteSpace(overrideReason))
        {
            var earliest = policy.EarliestBookableLocalDate(clinicTime.LocalDate(nowUtc));
            return Error.Validation(field,
                $"This slot is inside the lead time (the earliest bookable day is {DayText(earliest)}); give a reason to book it anyway.");
        }

        return Result<string?>.Success(overrideReason.Trim());
    }

    /// <summary>
    /// The active booking a scheduler acts on. Anyone else, and an unknown id, get NotFound; a booking
    /// that is no longer active gets a message built from its status in words.
    /// </summary>
    /// <param name="orTheReferralsSystem">Also a hospital system booking for the referral's doctor (<see cref="MayBookFor"/>): cancelling, not the clinic's own steps.</param>
    internal static async Task<Result<Booking>> FindActiveBookingAsync(
        IApplicationDbContext db, ICurrentUser user, Guid bookingId, Func<string, string> inactiveMessage, CancellationToken cancellationToken,
        bool orTheReferralsSystem = false)
    {
        var staff = MayManageBookings(user);
        if (!staff && !(orTheReferralsSystem && user.IsInRole(Roles.IntegrationBooking)))
        {
            return Error.NotFound();
        }

        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null
            || (!staff && !await db.Referrals.AnyAsync(r => r.Id == booking.ReferralId && r.DoctorUserId == user.UserId, cancellationToken)))
        {
            return Error.NotFound("The booking was not found.");
        }

        return booking.IsActive
            ? booking
            : Error.Validation(string.Empty, inactiveMessage(DisplayNames.InSentence(booking.Status)));
    }

    /// <summary>
    /// Saves a booking change. A race lost at the database (the active-booking unique indexes, or the
    /// slot's, referral's or booking's concurrency token) comes back as the conflict message; the
    /// transaction behaviour then rolls everything back, so nothing is half-written.
    /// </summary>
    internal static Task<Error?> SaveOrConflictAsync(IApplicationDbContext db, IDatabaseErrors databaseErrors, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(
            ex => ex is DbUpdateConcurrencyException moved
                ? ConflictFor(moved)
                : databaseErrors.IsUniqueViolation(ex) ? Error.Conflict(SlotTakenMessage) : null,
            cancellationToken);

    /// <summary>A token mismatch names the row that changed: a referral changed under us is not "slot taken".</summary>
    internal static Error ConflictFor(DbUpdateConcurrencyException exception) =>
        exception.Entries.Any(e => e.Entity is Referral)
            ? Error.Conflict(ReferralChangedMessage)
            : exception.Entries.Any(e => e.Entity is Booking)
                ? Error.Conflict(BookingChangedMessage)
                : Error.Conflict(SlotTakenMessage);
}
