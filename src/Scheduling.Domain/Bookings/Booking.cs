using Scheduling.Domain.Common;

namespace Scheduling.Domain.Bookings;

/// <summary>
/// One referral's appointment in one slot. A reschedule moves the same booking to another slot and
/// increments <see cref="Sequence"/>: the calendar entry keeps its UID and updates, old patient links
/// (bound to the sequence) stop working, and each version gets its own emails.
/// </summary>
/// <remarks>
/// The statuses that occupy a slot are listed in <see cref="ActiveStatusNames"/>; the database has a
/// unique index on SlotId and one on ReferralId filtered to them, so no code path can double-book.
/// </remarks>
public sealed class Booking : Entity
{
    public const int ReasonMaxLength = 1000;

    /// <summary>Used by the filtered unique indexes; keep in step with <see cref="IsActive"/>.</summary>
    public static readonly IReadOnlyList<string> ActiveStatusNames =
        [nameof(BookingStatus.PendingConfirmation), nameof(BookingStatus.Confirmed)];

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

    public bool IsActive => Status is BookingStatus.PendingConfirmation or BookingStatus.Confirmed;

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

    /// <summary>Recorded after the procedure day has begun (the caller checks the slot's start).</summary>
    public void MarkCompleted(DateTime nowUtc) => RecordOutcome(BookingStatus.Completed, nowUtc);

    public void MarkNoShow(DateTime nowUtc) => RecordOutcome(BookingStatus.NoShow, nowUtc);

    private void RecordOutcome(BookingStatus outcome, DateTime nowUtc)
    {
        RequireActive(outcome == BookingStatus.Completed ? "complete" : "mark as no-show");
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
