using System.Linq.Expressions;

namespace Scheduling.Domain.Bookings;

/// <summary>
/// The one definition of which bookings hold a slot and which are still open for action. Every query,
/// the entity's own rules and the database's filtered unique indexes use these; nothing spells the
/// statuses out again.
/// </summary>
/// <remarks>
/// Occupying: the slot stays taken for good by a booking that is pending, confirmed, completed or a
/// no-show, so the day's record of who was in which room survives. Only a cancelled booking (or one
/// moved to another slot) frees it. Active: the booking can still be confirmed, moved or cancelled;
/// at most one per referral, so a no-show referral can be booked again.
/// </remarks>
public static class BookingStatuses
{
    public static readonly IReadOnlySet<BookingStatus> Occupying = new HashSet<BookingStatus>
    {
        BookingStatus.PendingConfirmation, BookingStatus.Confirmed, BookingStatus.Completed, BookingStatus.NoShow,
    };

    public static readonly IReadOnlySet<BookingStatus> Active = new HashSet<BookingStatus>
    {
        BookingStatus.PendingConfirmation, BookingStatus.Confirmed,
    };

    /// <summary>
    /// Bookings whose claims on the room, physician, nurse and recovery bay hold: pending, confirmed and
    /// completed (the procedure happened; its places stay as the day's record). A cancelled booking
    /// releases them, and so does a no-show: the patient never used the physician or the bay, so
    /// they are free for the rest of that day. The slot itself stays held by a no-show (<see cref="Occupying"/>).
    /// </summary>
    public static readonly IReadOnlySet<BookingStatus> HoldingClaims = new HashSet<BookingStatus>
    {
        BookingStatus.PendingConfirmation, BookingStatus.Confirmed, BookingStatus.Completed,
    };

    /// <summary><see cref="Occupying"/> as an expression EF translates to SQL.</summary>
    public static readonly Expression<Func<Booking, bool>> IsOccupyingExpr = b => b.Status != BookingStatus.Cancelled;

    /// <summary><see cref="HoldingClaims"/> as an expression EF translates to SQL.</summary>
    public static readonly Expression<Func<Booking, bool>> HoldsClaimsExpr =
        b => b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.NoShow;

    /// <summary><see cref="Active"/> as an expression EF translates to SQL.</summary>
    public static readonly Expression<Func<Booking, bool>> IsActiveExpr =
        b => b.Status == BookingStatus.PendingConfirmation || b.Status == BookingStatus.Confirmed;

    /// <summary>Status names as stored (the enum is saved as its name), for the index filters.</summary>
    public static IReadOnlyList<string> OccupyingNames => Names(Occupying);

    public static IReadOnlyList<string> ActiveNames => Names(Active);

    private static List<string> Names(IEnumerable<BookingStatus> statuses) =>
        statuses.Order().Select(s => s.ToString()).ToList();
}
