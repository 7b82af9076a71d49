using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>One referral with its answers, outcome, timeline and attachments, for whoever may see it; every read is audited.</summary>
public static class GetReferral
{
    public sealed record Query(Guid ReferralId) : IQuery<Result<ReferralView>>, IAuditedQuery;

    public sealed record ReferralView(
        Guid Id,
        ReferralStatus Status,
        string DoctorName,
        bool IsOwnReferral,
        ReferralDetailsInput Details,
        QuestionnaireInput Questionnaire,
        string? ChildPugh,
        EligibilityOutcome? Outcome,
        string? CriteriaVersion,
        IReadOnlyList<FindingView> Findings,
        bool OvernightBedLikely,
        bool PremedicationNeeded,
        DateTime CreatedAtUtc,
        DateTime? SubmittedAtUtc,
        string? DecisionReason,
        string? DecidedBy,
        DateTime? DecidedAtUtc,
        IReadOnlyList<TimelineEntry> Timeline,
        IReadOnlyList<AttachmentRow> Attachments,
        bool CanEdit,
        bool CanWithdraw,
        bool CanAddAttachments,
        bool CanRemoveAttachments,
        AppointmentView? Appointment = null,
        Guid? CourseId = null)
    {
        /// <summary>Staff go from the referral to its appointment; a referral has at most one active booking.</summary>
        public Guid? ActiveBookingId => Appointment?.BookingId;

        public string PatientName => $"{Details.PatientFirstName} {Details.PatientLastName}";

        public bool CanBeReviewed => Status == ReferralStatus.AwaitingReview;

        /// <summary>Sent already: the form updates and resubmits instead of saving a draft.</summary>
        public bool IsSent => Status != ReferralStatus.Draft;
    }

    /// <summary>The active appointment as the referring doctor and staff see it, in clinic time.</summary>
    public sealed record AppointmentView(Guid BookingId, string When, string Room, string? Location, bool Confirmed);

    public sealed record TimelineEntry(DateTime AtUtc, string Kind, string Text, string? Actor);

    public sealed record AttachmentRow(Guid Id, string FileName, string ContentType, long SizeBytes, DateTime UploadedAtUtc);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, IAuditLog audit, EligibilityCriteria criteria, ClinicTime clinicTime)
        : IQueryHandler<Query, Result<ReferralView>>
    {
        public async ValueTask<Result<ReferralView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().VisibleTo(user)
                .Include(r => r.Events)
                .SingleOrDefaultAsync(r => r.Id == query.ReferralId, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound();
            }

            var attachments = await db.ReferralAttachments.AsNoTracking()
                .Where(a => a.ReferralId == referral.Id)
                .OrderBy(a => a.UploadedAtUtc)
                .Select(a => new AttachmentRow(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.UploadedAtUtc))
                .ToListAsync(cancellationToken);
            var active = await (
                from b in db.Bookings.AsNoTracking().Where(BookingStatuses.IsActiveExpr)
                join s in db.Slots on b.SlotId equals s.Id
                join r in db.Rooms on s.RoomId equals r.Id
                where b.ReferralId == referral.Id
                select new { b.Id, b.Status, s.StartUtc, Room = r.Name, r.Location })
                .FirstOrDefaultAsync(cancellationToken);
            var appointment = active is null
                ? null
                : new AppointmentView(
                    active.Id,
                    $"{BookingRules.LocalText(clinicTime, active.StartUtc)} {ClinicTimeLabel.For(clinicTime, active.StartUtc)}",
                    active.Room,
                    active.Location,
                    active.Status == BookingStatus.Confirmed);
            var doctor = await directory.FindAsync(referral.DoctorUserId, cancellationToken);
            var questionnaire = QuestionnaireInput.FromJson(referral.QuestionnaireJson);
            var own = referral.DoctorUserId == user.UserId;

            // The treatment course it is a session of, or was planned from (the doctor sees their own patients' courses).
            var courseId = referral.CourseId
                ?? await db.CourseSessions.AsNoTracking().Where(s => s.ReferralId == referral.Id).Select(s => (Guid?)s.CourseId).FirstOrDefaultAsync(cancellationToken);

            audit.RecordView(nameof(Referral), referral.Id);

            return new ReferralView(
                referral.Id,
                referral.Status,
                doctor?.DisplayName ?? "unknown doctor",
                own,
                ReferralDetailsInput.From(referral),
                questionnaire,
                questionnaire.ChildPugh(criteria)?.Display,
                referral.Outcome,
                referral.CriteriaVersion,
                FindingView.FromJson(referral.FindingsJson),
                referral.OvernightBedLikely,
                referral.PremedicationNeeded,
                referral.CreatedAtUtc,
                referral.SubmittedAtUtc,
                referral.DecisionReason,
                referral.DecidedBy,
                referral.DecidedAtUtc,
                Timeline(referral.Events),
                attachments,
                CanEdit: own && (referral.Status == ReferralStatus.Draft || referral.CanBeUpdatedByDoctor),
                CanWithdraw: own && referral.CanBeWithdrawn,
                CanAddAttachments: own && referral.CanAddAttachments,
                CanRemoveAttachments: own && referral.CanRemoveAttachments,
                Appointment: appointment,
                CourseId: courseId);
        }

        /// <summary>
        /// Oldest first. Submitting writes two lines at the same instant ("Submitted", then the
        /// assessment) and version-7 ids do not order within a millisecond, so that pair is ordered
        /// explicitly; every other transition writes a single line.
        /// </summary>
        private static List<TimelineEntry> Timeline(IEnumerable<ReferralEvent> events) => events
            .OrderBy(e => e.AtUtc)
            .ThenBy(e => e.Kind is "Submitted" or "Resubmitted" or "Updated" ? 0 : 1)
            .ThenBy(e => e.Id)
            .Select(e => new TimelineEntry(e.AtUtc, e.Kind, e.Text, e.Actor))
            .ToList();
    }
}
