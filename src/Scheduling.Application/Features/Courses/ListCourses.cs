using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// Treatment courses, latest session first, a page at a time: for staff the active ones (or the
/// closed ones) with how many scans, calls and tumour-board discussions are waiting; for a referring
/// doctor their own patients' courses.
/// </summary>
public static class ListCourses
{
    public const int PageSize = 50;

    public sealed record Query(bool Closed = false, int Page = 1) : IQuery<Result<CourseList>>, IAuditedQuery;

    public sealed record CourseList(IReadOnlyList<CourseRow> Rows, int Page, bool HasMore, Worklists? Waiting, bool Closed);

    public sealed record CourseRow(Guid Id, string PatientName, DateOnly DateOfBirth, CourseState State, int Sessions, DateOnly? LastSessionOn, bool Refractory, bool Listed);

    /// <summary>How much is waiting on each staff worklist today.</summary>
    public sealed record Worklists(int ScansDue, int ScansOverdue, int ScansReceived, int CallsDue, int TumourBoard);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit, CoursePolicy policy, ClinicTime clinicTime, TimeProvider clock)
        : IQueryHandler<Query, Result<CourseList>>
    {
        public async ValueTask<Result<CourseList>> Handle(Query query, CancellationToken cancellationToken)
        {
            var staff = CourseAccess.IsStaff(user);
            var page = Math.Max(1, query.Page);
            var courses = db.TreatmentCourses.AsNoTracking().VisibleTo(user);
            if (staff)
            {
                courses = query.Closed ? courses.Where(c => c.State != CourseState.Active) : courses.Where(c => c.State == CourseState.Active);
            }

            var found = await (
                from c in courses
                join p in db.Patients on c.PatientId equals p.Id
                orderby c.LastSessionOn descending, c.Id
                select new
                {
                    c.Id,
                    p.FirstName,
                    p.LastName,
                    p.DateOfBirth,
                    c.State,
                    c.SessionCount,
                    c.LastSessionOn,
                    c.SessionsWithoutResponse,
                    c.SessionsWithProgression,
                    c.TransplantStatus,
                })
                .Skip((page - 1) * PageSize)
                .Take(PageSize + 1)
                .ToListAsync(cancellationToken);
            var rows = found.Take(PageSize).Select(c => new CourseRow(
                c.Id,
                $"{c.FirstName} {c.LastName}",
                c.DateOfBirth,
                c.State,
                c.SessionCount,
                c.LastSessionOn,
                c.State == CourseState.Active && TreatmentCourse.RefractoryFlagFor(c.SessionsWithoutResponse, c.SessionsWithProgression, policy).Raised,
                c.TransplantStatus == TransplantListingStatus.Listed)).ToList();

            audit.RecordListView(staff ? (query.Closed ? "ClosedCourses" : "ActiveCourses") : "MyPatientsCourses", nameof(TreatmentCourse), rows.Select(r => r.Id), $"Page {page}");
            return new CourseList(rows, page, found.Count > PageSize, staff ? await WaitingAsync(cancellationToken) : null, query.Closed);
        }

        private async Task<Worklists> WaitingAsync(CancellationToken cancellationToken)
        {
            var today = clinicTime.Today(clock);
            return new Worklists(
                await db.CourseSessions.CountAsync(CourseSession.FollowUpDueOnDay(today), cancellationToken),
                await db.CourseSessions.CountAsync(CourseSession.FollowUpOverdueOnDay(today), cancellationToken),
                await db.CourseSessions.CountAsync(CourseSession.FollowUpReceived, cancellationToken),
                await db.SessionCalls.CountAsync(c => c.DoneAtUtc == null && c.DueOn <= today, cancellationToken),
                await db.TreatmentCourses.Where(c => c.State == CourseState.Active).CountAsync(TreatmentCourse.FlaggedBy(policy), cancellationToken));
        }
    }
}
