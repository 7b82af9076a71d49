using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// One treatment course as its page shows it: the patient, every session with what followed it, the
/// baseline and each response with its arithmetic and rule version, the transplant criteria, the
/// refractoriness flag and the history. Staff see every course; a referring doctor sees their own
/// patients' courses, read-only. Every view is audited.
/// </summary>
public static class GetCourse
{
    public sealed record Query(Guid CourseId) : IQuery<Result<CourseView>>, IAuditedQuery;

    public sealed record CourseView(
        Guid Id,
        PatientView Patient,
        string DoctorName,
        CourseState State,
        string? StateReason,
        DateTime StartedAtUtc,
        DateTime? ClosedAtUtc,
        TransplantListingStatus TransplantStatus,
        DateOnly? ListedOn,
        RefractoryFlag Refractory,
        ReadingView? Baseline,
        ReadingView? LatestReading,
        bool Downstaged,
        IReadOnlyList<SessionView> Sessions,
        IReadOnlyList<PlannedView> Planned,
        IReadOnlyList<HistoryLine> History,
        bool IsStaff,
        bool IsPhysician,
        bool CanPlanNextSession,
        DateOnly Today)
    {
        public bool IsActive => State == CourseState.Active;
    }

    public sealed record PatientView(Guid Id, string Name, DateOnly DateOfBirth, string? MedicalRecordNumber);

    public sealed record SessionView(
        int Number,
        DateOnly PerformedOn,
        Guid ReferralId,
        string ReferralReference,
        DischargeKind? Discharge,
        string? DischargeReason,
        decimal? HoursToDischarge,
        IReadOnlyList<AdverseEventView> AdverseEvents,
        IReadOnlyList<CallView> Calls,
        FollowUpStatus FollowUp,
        DateOnly FollowUpDueOn,
        DateOnly WindowStart,
        DateOnly WindowEnd,
        DateOnly? ScanDoneOn,
        ImagingModality? ScanModality,
        string? WaivedReason,
        ReadingView? Response);

    public sealed record AdverseEventView(string Term, int Grade, DateOnly OnsetOn, Attribution Attribution, bool Serious, string RecordedBy);

    public sealed record CallView(int Day, DateOnly DueOn, bool Done, int Attempts, CallOutcome? LastOutcome);

    public sealed record TargetView(int Number, int? Segment, int Mm, int BaselineMm);

    public sealed record ReadingView(
        int AfterSession,
        DateOnly ScanOn,
        ImagingModality Modality,
        IReadOnlyList<TargetView> Targets,
        bool NewLesion,
        NonTargetStatus NonTarget,
        IReadOnlyList<int> OtherLesionsMm,
        bool MacrovascularInvasion,
        bool ExtrahepaticSpread,
        string? Notes,
        ResponseCategory? Computed,
        ResponseCategory? Override,
        string? OverrideReason,
        IReadOnlyList<string> Arithmetic,
        string ResponseRuleVersion,
        bool WithinMilan,
        string MilanReason,
        DownstagingStatus Downstaging,
        string DownstagingReason,
        string TransplantRuleVersion,
        string AssessedBy,
        DateTime AssessedAtUtc)
    {
        public ResponseCategory? Category => Override ?? Computed;

        public bool IsBaseline => AfterSession == 0;
    }

    public sealed record PlannedView(Guid ReferralId, string Reference, ReferralStatus Status);

    public sealed record HistoryLine(DateTime AtUtc, string Kind, string Text, string? Actor);

    public sealed class Handler(
        IApplicationDbContext db,
        ICurrentUser user,
        IUserDirectory directory,
        IAuditLog audit,
        CoursePolicy policy,
        ClinicTime clinicTime,
        TimeProvider clock) : IQueryHandler<Query, Result<CourseView>>
    {
        public async ValueTask<Result<CourseView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var course = await db.TreatmentCourses.AsNoTracking().VisibleTo(user)
                .Include(c => c.Sessions).ThenInclude(s => s.AdverseEvents)
                .Include(c => c.Sessions).ThenInclude(s => s.Calls)
                .Include(c => c.Assessments)
                .Include(c => c.Events)
                .AsSplitQuery()
                .SingleOrDefaultAsync(c => c.Id == query.CourseId, cancellationToken);
            if (course is null)
            {
                return Error.NotFound();
            }

            var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == course.PatientId, cancellationToken);
            var planned = await db.Referrals.AsNoTracking()
                .Where(r => r.CourseId == course.Id && PlanNextSession.Open.Contains(r.Status))
                .OrderBy(r => r.CreatedAtUtc)
                .Select(r => new PlannedView(r.Id, ReferralReference.For(r.Id), r.Status))
                .ToListAsync(cancellationToken);
            var doctor = await directory.FindAsync(course.DoctorUserId, cancellationToken);

            audit.RecordView(nameof(TreatmentCourse), course.Id);
            audit.RecordView(nameof(Patient), patient.Id, "On its treatment course");

            var baseline = course.Baseline;
            var staff = CourseAccess.IsStaff(user);
            return new CourseView(
                course.Id,
                new PatientView(patient.Id, patient.FullName, patient.DateOfBirth, patient.MedicalRecordNumber),
                doctor?.DisplayName ?? "unknown doctor",
                course.State,
                course.StateReason,
                course.StartedAtUtc,
                course.ClosedAtUtc,
                course.TransplantStatus,
                course.ListedOn,
                course.Refractoriness(policy),
                baseline is null ? null : Reading(baseline, baseline),
                course.LatestReading is { } latest ? Reading(latest, baseline!) : null,
                course.Downstaged,
                course.Sessions.OrderBy(s => s.Number).Select(s => Session(s, course, baseline, clinicTime.Today(clock))).ToList(),
                planned,
                course.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => new HistoryLine(e.AtUtc, e.Kind, e.Text, e.Actor)).ToList(),
                staff,
                CourseAccess.IsPhysician(user),
                staff && course.CanPlanNextSession && planned.Count == 0,
                clinicTime.Today(clock));
        }

        private static SessionView Session(CourseSession s, TreatmentCourse course, LesionAssessment? baseline, DateOnly today) => new(
            s.Number,
            s.PerformedOn,
            s.ReferralId,
            ReferralReference.For(s.ReferralId),
            s.DischargeKind,
            s.DischargeReason,
            s.HoursToDischarge,
            s.AdverseEvents.OrderBy(a => a.OnsetOn).Select(a => new AdverseEventView(a.Term, a.Grade, a.OnsetOn, a.Attribution, a.Serious, a.RecordedBy)).ToList(),
            s.Calls.OrderBy(c => c.Day).Select(c => new CallView(c.Day, c.DueOn, c.IsDone, c.Attempts, c.LastOutcome)).ToList(),
            s.FollowUpStatusOn(today),
            s.FollowUpDueOn,
            s.FollowUpWindowStart,
            s.FollowUpWindowEnd,
            s.ScanDoneOn,
            s.ScanModality,
            s.FollowUpWaivedReason,
            course.ResponseTo(s.Number) is { } response && baseline is not null ? Reading(response, baseline) : null);

        private static ReadingView Reading(LesionAssessment a, LesionAssessment baseline)
        {
            var segments = new[] { baseline.Target1Segment, baseline.Target2Segment };
            var baselineMm = baseline.TargetsMm;
            return new ReadingView(
                a.AfterSession,
                a.ScanOn,
                a.Modality,
                a.TargetsMm.Select((mm, i) => new TargetView(i + 1, segments[i], mm, i < baselineMm.Count ? baselineMm[i] : mm)).ToList(),
                a.NewLesion,
                a.NonTarget,
                a.OtherLesions,
                a.MacrovascularInvasion,
                a.ExtrahepaticSpread,
                a.Notes,
                a.ComputedCategory,
                a.OverrideCategory,
                a.OverrideReason,
                a.Arithmetic.Length == 0 ? [] : a.Arithmetic.Split('\n'),
                a.ResponseRuleVersion,
                a.WithinMilan,
                a.MilanReason,
                a.Downstaging,
                a.DownstagingReason,
                a.TransplantRuleVersion,
                a.AssessedBy,
                a.AssessedAtUtc);
        }
    }
}
