using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Courses;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Patients;

/// <summary>
/// For staff, on a referral and on its booking form: the patient record it belongs to, the earlier
/// records it looks like (offered for linking, never linked by themselves), and the patient's active
/// course with its refractoriness flag, which never blocks a booking.
/// </summary>
public static class GetReferralPatient
{
    public sealed record Query(Guid ReferralId) : IQuery<Result<ReferralPatient>>, IAuditedQuery;

    public sealed record ReferralPatient(
        Guid ReferralId,
        PatientRow? Linked,
        IReadOnlyList<Match> Matches,
        bool CanChange,
        CourseFlag? Course);

    public sealed record PatientRow(Guid Id, string Name, DateOnly DateOfBirth, string? MedicalRecordNumber);

    public sealed record Match(PatientRow Patient, string Reason, int Referrals, bool HasActiveCourse);

    /// <summary>The linked patient's active course, as the booking form flags it.</summary>
    public sealed record CourseFlag(Guid CourseId, int Sessions, RefractoryFlag Refractory, bool ListedForTransplant);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit, CoursePolicy policy) : IQueryHandler<Query, Result<ReferralPatient>>
    {
        public async ValueTask<Result<ReferralPatient>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.ReferralId && r.Status != ReferralStatus.Draft, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound();
            }

            var linked = referral.PatientId is { } patientId
                ? await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken)
                : null;
            var matches = referral.CanChangePatient ? await PatientRecords.MatchesAsync(db, referral, cancellationToken) : [];
            var ids = matches.Select(m => m.Id).ToList();
            var referralCounts = await db.Referrals.AsNoTracking()
                .Where(r => r.PatientId != null && ids.Contains(r.PatientId.Value))
                .GroupBy(r => r.PatientId!.Value)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var withActiveCourse = await db.TreatmentCourses.AsNoTracking()
                .Where(c => ids.Contains(c.PatientId) && c.State == CourseState.Active)
                .Select(c => c.PatientId)
                .ToListAsync(cancellationToken);

            CourseFlag? flag = null;
            if (linked is not null
                && await db.TreatmentCourses.AsNoTracking().Include(c => c.Sessions).Include(c => c.Assessments)
                    .SingleOrDefaultAsync(c => c.PatientId == linked.Id && c.State == CourseState.Active, cancellationToken) is { } course)
            {
                flag = new CourseFlag(course.Id, course.Sessions.Count, course.Refractoriness(policy), course.IsListedForTransplant);
            }

            audit.RecordView(nameof(Referral), referral.Id, "Patient record and possible matches");
            if (linked is not null)
            {
                audit.RecordView(nameof(Patient), linked.Id);
            }

            audit.RecordListView("PatientMatches", nameof(Patient), ids);

            var key = PatientKey.Of(referral);
            return new ReferralPatient(
                referral.Id,
                linked is null ? null : Row(linked),
                matches.Select(m => new Match(Row(m), key.MatchReason(m.Key) ?? string.Empty, referralCounts.GetValueOrDefault(m.Id), withActiveCourse.Contains(m.Id))).ToList(),
                referral.CanChangePatient,
                flag);
        }

        private static PatientRow Row(Patient p) => new(p.Id, p.FullName, p.DateOfBirth, p.MedicalRecordNumber);
    }
}
