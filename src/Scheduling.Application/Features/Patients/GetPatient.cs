using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Courses;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Patients;

/// <summary>
/// One patient across everything sent for them, for staff: every referral, course, session, scan and
/// response in time order, with links to each. Audited.
/// </summary>
public static class GetPatient
{
    public sealed record Query(Guid PatientId) : IQuery<Result<PatientPage>>, IAuditedQuery;

    public sealed record PatientPage(
        Guid Id,
        string Name,
        DateOnly DateOfBirth,
        string? MedicalRecordNumber,
        IReadOnlyList<ReferralRow> Referrals,
        IReadOnlyList<CourseRow> Courses,
        IReadOnlyList<Happening> Timeline);

    public sealed record ReferralRow(Guid Id, string Reference, ReferralStatus Status, DateTime CreatedAtUtc, Guid? CourseId);

    public sealed record CourseRow(Guid Id, CourseState State, int Sessions, DateTime StartedAtUtc);

    public enum HappeningKind
    {
        Referral,
        CourseStarted,
        Session,
        Scan,
        Response,
        CourseClosed,
    }

    /// <summary>One line of the patient's story; <see cref="On"/> is the clinic day it happened (instants are converted).</summary>
    public sealed record Happening(DateOnly On, HappeningKind Kind, string Text, Guid? ReferralId, Guid? CourseId);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit, Scheduling.Domain.Common.ClinicTime clinicTime) : IQueryHandler<Query, Result<PatientPage>>
    {
        public async ValueTask<Result<PatientPage>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.PatientId, cancellationToken);
            if (patient is null)
            {
                return Error.NotFound();
            }

            var referrals = await db.Referrals.AsNoTracking()
                .Where(r => r.PatientId == patient.Id)
                .OrderBy(r => r.CreatedAtUtc)
                .Select(r => new { r.Id, r.Status, r.CreatedAtUtc, r.SubmittedAtUtc, r.CourseId, r.Diagnosis })
                .ToListAsync(cancellationToken);
            var courses = await db.TreatmentCourses.AsNoTracking()
                .Include(c => c.Sessions)
                .Include(c => c.Assessments)
                .Where(c => c.PatientId == patient.Id)
                .OrderBy(c => c.StartedAtUtc)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);

            var timeline = new List<Happening>();
            foreach (var r in referrals)
            {
                timeline.Add(new Happening(clinicTime.LocalDate(r.SubmittedAtUtc ?? r.CreatedAtUtc), HappeningKind.Referral,
                    $"Referral {ReferralReference.For(r.Id)} ({r.Diagnosis})", r.Id, r.CourseId));
            }

            foreach (var course in courses)
            {
                timeline.Add(new Happening(clinicTime.LocalDate(course.StartedAtUtc), HappeningKind.CourseStarted, "Treatment course started", null, course.Id));
                if (course.Baseline is { } baseline)
                {
                    timeline.Add(new Happening(baseline.ScanOn, HappeningKind.Scan, $"Baseline scan: targets {string.Join(" + ", baseline.TargetsMm)} mm. {baseline.MilanReason}", null, course.Id));
                }

                foreach (var s in course.Sessions)
                {
                    timeline.Add(new Happening(s.PerformedOn, HappeningKind.Session, $"Session {s.Number} (referral {ReferralReference.For(s.ReferralId)})", s.ReferralId, course.Id));
                    if (s.ScanDoneOn is { } scanOn)
                    {
                        timeline.Add(new Happening(scanOn, HappeningKind.Scan, $"Follow-up scan after session {s.Number}", null, course.Id));
                    }

                    if (course.ResponseTo(s.Number) is { Category: { } category } response)
                    {
                        timeline.Add(new Happening(response.ScanOn, HappeningKind.Response,
                            $"Response after session {s.Number}: {Mrecist.Describe(category)}{(response.OverrideCategory is null ? string.Empty : " (radiologist's override)")}", null, course.Id));
                    }
                }

                if (course.ClosedAtUtc is { } closed)
                {
                    timeline.Add(new Happening(clinicTime.LocalDate(closed), HappeningKind.CourseClosed, $"Course closed: {TreatmentCourse.Describe(course.State)}", null, course.Id));
                }
            }

            audit.RecordView(nameof(Patient), patient.Id);
            audit.RecordListView("PatientReferrals", nameof(Referral), referrals.Select(r => r.Id));
            audit.RecordListView("PatientCourses", nameof(TreatmentCourse), courses.Select(c => c.Id));
            return new PatientPage(
                patient.Id,
                patient.FullName,
                patient.DateOfBirth,
                patient.MedicalRecordNumber,
                referrals.Select(r => new ReferralRow(r.Id, ReferralReference.For(r.Id), r.Status, r.CreatedAtUtc, r.CourseId)).ToList(),
                courses.Select(c => new CourseRow(c.Id, c.State, c.Sessions.Count, c.StartedAtUtc)).ToList(),
                timeline.OrderBy(h => h.On).ThenBy(h => h.Kind).ToList());
        }
    }
}
