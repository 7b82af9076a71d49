using Scheduling.Domain.Common;

namespace Scheduling.Domain.Bookings;

/// <summary>
/// One referral's appointment in one slot. A reschedule moves the same booking to another slot and
/// increments <see cref="Sequence"/>: the calendar entry keeps its UID and updates, old patient links
/// (bound to the sequence) stop working, and each version gets its own emails.
/// </summary>
/// <remarks>
/// Which statuses occupy a slot and which are active is defined once in <see cref="BookingStatuses"/>;
/// the database has a unique index on SlotId filtered to the occupying ones and one on ReferralId
/// filtered to the active ones, so no code path can double-book.
/// </remarks>
public sealed class Booking : Entity
{
    public const int ReasonMaxLength = 1000;

    private Booking()
    {
    }

    public Guid ReferralId { get; private set; }

    public Guid SlotId { get; private set; }

    public BookingStatus Status { get; private set; }

    /// <summary>1 when booked, +1 on every reschedule. Bound into patient links, outbox rows and the .ics SEQUENCE.</summary>
    public int Sequence { get; private set; }

    public DateTime BookedAtUtc { get; private set; }

    public string BookedBy { get; private set; } = string.Empty;

    /// <summary>Why the scheduler booked inside the lead time; null when the policy was met.</summary>
    public string? LeadTimeOverrideReason { get; private set; }

    public DateTime? ConfirmedAtUtc { get; private set; }

    public DateTime? CancelledAtUtc { get; private set; }

    public string? CancelReason { get; private set; }

    public bool CancelledByPatient { get; private set; }

    public PatientRequest PatientRequest { get; private set; }

    public DateTime? PatientRequestAtUtc { get; private set; }

    /// <summary>Which days and times suit the patient, and their note, as they asked for another date.</summary>
    public string? PatientRequestNote { get; private set; }

    /// <summary>When the booking was put on the schedulers' "not confirmed" list.</summary>
    public DateTime? EscalatedAtUtc { get; private set; }

    public DateTime? OutcomeRecordedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsActive => BookingStatuses.Active.Contains(Status);

    public bool IsOccupying => BookingStatuses.Occupying.Contains(Status);

    public static Booking Create(Guid referralId, Guid slotId, string bookedBy, string? leadTimeOverrideReason, DateTime nowUtc) => new()
    {
        ReferralId = referralId,
        SlotId = slotId,
        Status = BookingStatus.PendingConfirmation,
        Sequence = 1,
        BookedAtUtc = nowUtc,
        BookedBy = bookedBy,
        LeadTimeOverrideReason = Trimmed(leadTimeOverrideReason),
        UpdatedAtUtc = nowUtc,
    };

    /// <summary>Moves the booking to another slot; the patient must confirm the new time.</summary>
    public void MoveTo(Guid slotId, string? leadTimeOverrideReason, DateTime nowUtc)
    {
        RequireActive("reschedule");
        if (slotId == SlotId)
        {
            throw new DomainException("The booking is already in this slot.");
        }

        SlotId = slotId;
        Sequence++;
        Status = BookingStatus.PendingConfirmation;
        ConfirmedAtUtc = null;
        EscalatedAtUtc = null;
        PatientRequest = PatientRequest.None;
        PatientRequestAtUtc = null;
        PatientRequestNote = null;
        LeadTimeOverrideReason = Trimmed(leadTimeOverrideReason);
        BookedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    /// <returns>False when it was already confirmed (repeating a confirm is harmless).</returns>
    public bool Confirm(DateTime nowUtc)
    {
        if (Status == BookingStatus.Confirmed)
        {
            return false;
        }

        RequireActive("confirm");
        Status = BookingStatus.Confirmed;
        ConfirmedAtUtc = nowUtc;
        Touch(nowUtc);
        return true;
    }

    public void RequestReschedule(DateTime nowUtc, string? preferences = null)
    {
        RequireActive("ask to reschedule");
        PatientRequest = PatientRequest.Reschedule;
        PatientRequestAtUtc = nowUtc;
        PatientRequestNote = Trimmed(preferences);
        Touch(nowUtc);
    }

    public void Cancel(string reason, bool byPatient, DateTime nowUtc)
    {
        RequireActive("cancel");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Cancelling a booking needs a reason.");
        }

        Status = BookingStatus.Cancelled;
        CancelReason = Trimmed(reason);
        CancelledByPatient = byPatient;
        CancelledAtUtc = nowUtc;
        Touch(nowUtc);
    }

    public void MarkEscalated(DateTime nowUtc)
    {
        if (Status == BookingStatus.PendingConfirmation && EscalatedAtUtc is null)
        {
            EscalatedAtUtc = nowUtc;
            Touch(nowUtc);
        }
    }

    /// <summary>Whether an outcome (completed, no-show) may be recorded now: only once the slot has started.</summary>
    public static bool OutcomeMayBeRecorded(DateTime slotStartUtc, DateTime nowUtc) => nowUtc >= slotStartUtc;

    /// <summary>Recorded once the slot's start has passed; the slot stays taken by the completed booking.</summary>
    public void MarkCompleted(DateTime slotStartUtc, DateTime nowUtc) => RecordOutcome(BookingStatus.Completed, slotStartUtc, nowUtc);

    public void MarkNoShow(DateTime slotStartUtc, DateTime nowUtc) => RecordOutcome(BookingStatus.NoShow, slotStartUtc, nowUtc);

    private void RecordOutcome(BookingStatus outcome, DateTime slotStartUtc, DateTime nowUtc)
    {
        RequireActive(outcome == BookingStatus.Completed ? "complete" : "mark as no-show");
        if (!OutcomeMayBeRecorded(slotStartUtc, nowUtc))
        {
            throw new DomainException("An outcome can be recorded only once the appointment's start time has passed.");
        }

        Status = outcome;
        OutcomeRecordedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    private void RequireActive(string action)
    {
        if (!IsActive)
        {
            throw new DomainException($"Cannot {action} a booking that is {Status}.");
        }
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }

    private static string? Trimmed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length > ReasonMaxLength ? trimmed[..ReasonMaxLength] : trimmed;
    }
}
