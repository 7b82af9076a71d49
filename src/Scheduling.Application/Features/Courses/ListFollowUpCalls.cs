using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// The post-procedure calls worklist: day-1 and day-7 calls (the clinic's days) due today or
/// earlier and not done, oldest first, with the patient's phone, and tomorrow's. A call is done once
/// the patient is reached; every attempt goes on the referral's timeline.
/// </summary>
public static class ListFollowUpCalls
{
    public const int Limit = 200;

    public sealed record Query : IQuery<Result<CallWorklist>>, IAuditedQuery;

    public sealed record CallWorklist(DateOnly Today, IReadOnlyList<CallRow> Due, int DueTotal, IReadOnlyList<CallRow> Tomorrow);

    public sealed record CallRow(
        Guid CourseId,
        int SessionNumber,
        int Day,
        DateOnly DueOn,
        string PatientName,
        DateOnly DateOfBirth,
        string Phone,
        DateOnly PerformedOn,
        int Attempts,
        CallOutcome? LastOutcome);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit, ClinicTime clinicTime, TimeProvider clock) : IQueryHandler<Query, Result<CallWorklist>>
    {
        public async ValueTask<Result<CallWorklist>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var today = clinicTime.Today(clock);
            var tomorrow = today.AddDays(1);
            var open = db.SessionCalls.AsNoTracking().Where(c => c.DoneAtUtc == null);
            var rows = await (
                from c in open.Where(c => c.DueOn <= tomorrow).OrderBy(c => c.DueOn).ThenBy(c => c.Id).Take(Limit)
                join s in db.CourseSessions on c.SessionId equals s.Id
                join r in db.Referrals on s.ReferralId equals r.Id
                join course in db.TreatmentCourses on s.CourseId equals course.Id
                join p in db.Patients on course.PatientId equals p.Id
                select new CallRow(s.CourseId, s.Number, c.Day, c.DueOn, p.FirstName + " " + p.LastName, p.DateOfBirth, r.PatientPhone, s.PerformedOn, c.Attempts, c.LastOutcome))
                .ToListAsync(cancellationToken);
            var due = rows.Where(r => r.DueOn <= today).ToList();
            var dueTotal = rows.Count < Limit ? due.Count : await open.CountAsync(c => c.DueOn <= today, cancellationToken);
            audit.RecordListView("FollowUpCalls", nameof(TreatmentCourse), rows.Select(r => r.CourseId).Distinct());
            return new CallWorklist(today, due, dueTotal, rows.Where(r => r.DueOn == tomorrow).ToList());
        }
    }
}
