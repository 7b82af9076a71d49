using System.Linq.Expressions;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// The follow-up imaging worklist: scans overdue (window closed, not done), due (inside their
/// window), and received but not yet read by a radiologist, each oldest first and up to a limit with
/// the full count. The doctor is emailed when a scan falls due and again when it is overdue.
/// </summary>
public static class ListFollowUpScans
{
    public const int Limit = 100;

    public sealed record Query : IQuery<Result<ScanWorklist>>, IAuditedQuery;

    public sealed record ScanWorklist(DateOnly Today, ScanSection Overdue, ScanSection Due, ScanSection Received);

    public sealed record ScanSection(IReadOnlyList<ScanRow> Rows, int Total);

    public sealed record ScanRow(Guid CourseId, int SessionNumber, string PatientName, DateOnly DateOfBirth, DateOnly PerformedOn, DateOnly WindowStart, DateOnly WindowEnd, DateOnly? ScanDoneOn, ImagingModality? Modality);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit, ClinicTime clinicTime, TimeProvider clock) : IQueryHandler<Query, Result<ScanWorklist>>
    {
        public async ValueTask<Result<ScanWorklist>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var today = clinicTime.Today(clock);
            var overdue = await SectionAsync(CourseSession.FollowUpOverdueOnDay(today), s => s.FollowUpWindowEnd, cancellationToken);
            var due = await SectionAsync(CourseSession.FollowUpDueOnDay(today), s => s.FollowUpWindowEnd, cancellationToken);
            var received = await SectionAsync(CourseSession.FollowUpReceived, s => s.ScanDoneOn, cancellationToken);
            audit.RecordListView("FollowUpScans", nameof(TreatmentCourse), overdue.Rows.Concat(due.Rows).Concat(received.Rows).Select(r => r.CourseId).Distinct());
            return new ScanWorklist(today, overdue, due, received);
        }

        private async Task<ScanSection> SectionAsync<TKey>(Expression<Func<CourseSession, bool>> filter, Expression<Func<CourseSession, TKey>> oldestFirst, CancellationToken cancellationToken)
        {
            var sessions = db.CourseSessions.AsNoTracking().Where(filter);
            var rows = await (
                from s in sessions.OrderBy(oldestFirst).ThenBy(s => s.Id).Take(Limit)
                join c in db.TreatmentCourses on s.CourseId equals c.Id
                join p in db.Patients on c.PatientId equals p.Id
                select new ScanRow(s.CourseId, s.Number, p.FirstName + " " + p.LastName, p.DateOfBirth, s.PerformedOn, s.FollowUpWindowStart, s.FollowUpWindowEnd, s.ScanDoneOn, s.ScanModality))
                .ToListAsync(cancellationToken);
            var total = rows.Count < Limit ? rows.Count : await sessions.CountAsync(cancellationToken);
            return new ScanSection(rows, total);
        }
    }
}
