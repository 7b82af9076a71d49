using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>A planned next session for staff to complete: what was prefilled, what must be repeated, and whether the doctor was asked.</summary>
public static class GetPlannedSession
{
    public sealed record Query(Guid ReferralId) : IQuery<Result<PlannedSession>>, IAuditedQuery;

    public sealed record PlannedSession(
        Guid ReferralId,
        string Reference,
        Guid CourseId,
        string PatientName,
        DateOnly DateOfBirth,
        ReferralStatus Status,
        int SessionNumber,
        DateOnly LastSessionOn,
        SubmitPlannedSession.RefreshInput Refresh,
        int DoctorAsked);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit) : IQueryHandler<Query, Result<PlannedSession>>
    {
        public async ValueTask<Result<PlannedSession>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.ReferralId && r.CourseId != null, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound();
            }

            var last = await db.CourseSessions.AsNoTracking()
                .Where(s => s.CourseId == referral.CourseId)
                .OrderByDescending(s => s.Number)
                .Select(s => new { s.Number, s.PerformedOn })
                .FirstAsync(cancellationToken);
            var asked = await db.OutboxMessages.CountAsync(m => m.SubjectId == referral.Id && m.Kind == MessageKinds.DoctorNextSessionPlanned, cancellationToken);
            audit.RecordView(nameof(Referral), referral.Id, "Planned next session");
            return new PlannedSession(
                referral.Id,
                ReferralReference.For(referral.Id),
                referral.CourseId!.Value,
                $"{referral.PatientFirstName} {referral.PatientLastName}",
                referral.PatientDateOfBirth,
                referral.Status,
                last.Number + 1,
                last.PerformedOn,
                SubmitPlannedSession.RefreshInput.From(QuestionnaireInput.FromJson(referral.QuestionnaireJson)),
                asked);
        }
    }
}
