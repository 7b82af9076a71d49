using System.Linq.Expressions;

using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Domain.Bookings;

/// <summary>
/// One referral's appointment in one slot. A reschedule moves the same booking to another slot and
/// increments <see cref="Sequence"/>: the calendar entry keeps its UID and updates, old patient links
/// (bound to the sequence) stop working, and each version gets its own emails.
/// </summary>
/// <remarks>
/// Which statuses occupy a slot and which are active is defined once in <see cref="BookingStatuses"/>;
/// the database has a unique index on SlotId filtered to the occupying ones and one on ReferralId
/// filtered to the active ones, so no code path can double-book. What a booking's end means for its
/// referral (back to the queue, closed, or a line on its timeline) happens inside the booking's own
/// ending methods, which take the referral; and the slot's concurrency token changes on save whenever
/// a booking takes, moves from or releases it (the DbContext does that), so no handler has to remember either.
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

    /// <summary>
    /// When staff last reached the patient with an interpreter about this booking (for a patient whose
    /// language the clinic does not write in). A call before the booking's latest time was made
    /// (<see cref="BookedAtUtc"/>, reset by a reschedule) is about an earlier date and does not count.
    /// </summary>
    public DateTime? InterpreterCalledAtUtc { get; private set; }

    /// <summary>Nobody has been through this date with the patient and an interpreter (the booking's half of the rule, for queries).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Booking, bool>> InterpreterNotCalledExpr =
        b => b.InterpreterCalledAtUtc == null || b.InterpreterCalledAtUtc < b.BookedAtUtc;

    private static readonly Func<Booking, bool> InterpreterNotCalled = InterpreterNotCalledExpr.Compile();

    /// <summary>True while a patient who needs an interpreter has not been called with one about this date.</summary>
    public bool InterpreterCallOutstanding(bool patientNeedsInterpreter) =>
        patientNeedsInterpreter && IsActive && InterpreterNotCalled(this);

    /// <summary>When the booking was put on the schedulers' "not confirmed" list.</summary>
    public DateTime? EscalatedAtUtc { get; private set; }

    public DateTime? OutcomeRecordedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>The IR physician performing it; null for a booking made before physicians were set up, until one is assigned.</summary>
    public Guid? PhysicianId { get; private set; }

    public Guid? SedationNurseId { get; private set; }

    /// <summary>The recovery unit whose bay the patient holds after the procedure, until <see cref="RecoveryEndsUtc"/>.</summary>
    public Guid? RecoveryUnitId { get; private set; }

    public DateTime? RecoveryEndsUtc { get; private set; }

    /// <summary>Whether its claims on rooms, physicians, nurses and bays still hold (<see cref="BookingStatuses.HoldingClaims"/>).</summary>
    public bool HoldsClaims => BookingStatuses.HoldingClaims.Contains(Status);

    public bool IsActive => BookingStatuses.Active.Contains(Status);

    public bool IsOccupying => BookingStatuses.Occupying.Contains(Status);

    /// <summary>
    /// The calendar file's SEQUENCE: it rises with every change the patient's calendar must follow
    /// (booked and waiting 1, confirmed 2, moved 3, confirmed again 4...; a cancellation is above
    /// anything sent before it), and keeps the same UID, so the entry updates instead of doubling.
    /// </summary>
    public int CalendarSequence => (2 * Sequence) - 1 + Status switch
    {
        BookingStatus.Confirmed => 1,
        BookingStatus.Cancelled => 2,
        _ => 0,
    };

    /// <summary>
    /// Escalated and still pending: on the schedulers' "not confirmed" list until the patient confirms
    /// or the booking moves or ends. The one definition; queries use the expression, code the property.
    /// </summary>
    public static readonly Expression<Func<Booking, bool>> IsEscalatedExpr =
        b => b.Status == BookingStatus.PendingConfirmation && b.EscalatedAtUtc != null;

    /// <summary>Pending and not escalated yet: what the escalation job may put on the list once overdue.</summary>
    public static readonly Expression<Func<Booking, bool>> MayBeEscalatedExpr =
        b => b.Status == BookingStatus.PendingConfirmation && b.EscalatedAtUtc == null;

    /// <summary>Escalated, then confirmed by the patient: "resolved" on the list for a while.</summary>
    public static readonly Expression<Func<Booking, bool>> IsConfirmedAfterEscalationExpr =
        b => b.Status == BookingStatus.Confirmed && b.EscalatedAtUtc != null;

    private static readonly Func<Booking, bool> Escalated = IsEscalatedExpr.Compile();
    private static readonly Func<Booking, bool> Escalatable = MayBeEscalatedExpr.Compile();
    private static readonly Func<Booking, bool> ConfirmedAfterEscalation = IsConfirmedAfterEscalationExpr.Compile();

    /// <inheritdoc cref="IsEscalatedExpr"/>
    public bool IsEscalated => Escalated(this);

    /// <inheritdoc cref="IsConfirmedAfterEscalationExpr"/>
    public bool IsConfirmedAfterEscalation => ConfirmedAfterEscalation(this);

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

    /// <summary>
    /// Records what the booking holds besides its slot, as the planner chose it; the claims themselves
    /// are written beside it in the same transaction.
    /// </summary>
    public void AssignCapacity(CapacityPlan plan, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!HoldsClaims)
        {
            throw new DomainException($"A booking that is {Status} holds nothing.");
        }

        if (PhysicianId == plan.PhysicianId && SedationNurseId == plan.SedationNurseId
            && RecoveryUnitId == plan.RecoveryUnitId && RecoveryEndsUtc == plan.RecoveryEndsUtc)
        {
            return;
        }

        PhysicianId = plan.PhysicianId;
        SedationNurseId = plan.SedationNurseId;
        RecoveryUnitId = plan.RecoveryUnitId;
        RecoveryEndsUtc = plan.RecoveryEndsUtc;
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

    /// <summary>
    /// Cancels the booking, by staff or by the patient; the slot is free again. The referral goes back
    /// to the scheduling queue (see <see cref="EndFor"/>) with <paramref name="timelineText"/> on its timeline.
    /// </summary>
    /// <param name="actor">Who cancelled, as the timeline shows it; null for the patient.</param>
    public void Cancel(Referral referral, string reason, bool byPatient, string timelineText, Actor? actor, DateTime nowUtc)
    {
        RequireActive("cancel");
        RequireOwn(referral);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Cancelling a booking needs a reason.");
        }

        Status = BookingStatus.Cancelled;
        CancelReason = Trimmed(reason);
        CancelledByPatient = byPatient;
        CancelledAtUtc = nowUtc;
        Touch(nowUtc);
        EndFor(referral, byPatient ? "CancelledByPatient" : "BookingCancelled", timelineText, actor, nowUtc);
    }

    /// <summary>Staff went through the appointment and its preparation with the patient and an interpreter.</summary>
    public void RecordInterpreterCall(DateTime nowUtc)
    {
        RequireActive("record an interpreter call for");
        InterpreterCalledAtUtc = nowUtc;
        Touch(nowUtc);
    }

    public void MarkEscalated(DateTime nowUtc)
    {
        if (Escalatable(this))
        {
            EscalatedAtUtc = nowUtc;
            Touch(nowUtc);
        }
    }

    /// <summary>Whether an outcome (completed, no-show) may be recorded now: only once the slot has started.</summary>
    public static bool OutcomeMayBeRecorded(DateTime slotStartUtc, DateTime nowUtc) => nowUtc >= slotStartUtc;

    /// <summary>Recorded once the slot's start has passed; the slot stays taken by the completed booking, and the referral is completed.</summary>
    public void MarkCompleted(Referral referral, DateTime slotStartUtc, string timelineText, Actor actor, DateTime nowUtc) =>
        RecordOutcome(BookingStatus.Completed, referral, slotStartUtc, timelineText, actor, nowUtc);

    /// <summary>Recorded once the slot's start has passed; the slot stays taken, and the referral goes back to the scheduling queue.</summary>
    public void MarkNoShow(Referral referral, DateTime slotStartUtc, string timelineText, Actor actor, DateTime nowUtc) =>
        RecordOutcome(BookingStatus.NoShow, referral, slotStartUtc, timelineText, actor, nowUtc);

    private void RecordOutcome(BookingStatus outcome, Referral referral, DateTime slotStartUtc, string timelineText, Actor actor, DateTime nowUtc)
    {
        RequireActive(outcome == BookingStatus.Completed ? "complete" : "mark as no-show");
        RequireOwn(referral);
        if (!OutcomeMayBeRecorded(slotStartUtc, nowUtc))
        {
            throw new DomainException("An outcome can be recorded only once the appointment's start time has passed.");
        }

        Status = outcome;
        OutcomeRecordedAtUtc = nowUtc;
        Touch(nowUtc);
        EndFor(referral, outcome == BookingStatus.Completed ? "Completed" : "NoShow", timelineText, actor, nowUtc);
        if (outcome == BookingStatus.Completed)
        {
            Raise(new BookingCompleted(Id, ReferralId, slotStartUtc, nowUtc, actor));
        }
    }

    /// <summary>
    /// What the end of a booking means for its referral, said once: a completed procedure completes
    /// it; a cancellation or a no-show puts it back in the scheduling queue to be booked again. A
    /// referral that is no longer scheduled (closed by the clinic meanwhile) is not reopened: the
    /// booking's end only goes on its timeline.
    /// </summary>
    private void EndFor(Referral referral, string kind, string timelineText, Actor? actor, DateTime nowUtc)
    {
        if (referral.Status != ReferralStatus.Scheduled)
        {
            referral.Note(kind, timelineText, nowUtc, actor);
        }
        else if (Status == BookingStatus.Completed)
        {
            referral.MarkCompleted(timelineText, nowUtc, actor);
        }
        else
        {
            referral.ReturnToQueue(kind, timelineText, nowUtc, actor);
        }
    }

    private void RequireOwn(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.Id != ReferralId)
        {
            throw new DomainException("This is not the booking's referral.");
        }
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
