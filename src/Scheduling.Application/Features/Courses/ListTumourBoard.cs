using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// Active courses whose refractoriness flag is raised by the clinic's rule: the patients to discuss
/// at the tumour board (consider systemic therapy). Decision support: nothing here blocks a booking.
/// </summary>
public static class ListTumourBoard
{
    public const int Limit = 200;

    public sealed record Query : IQuery<Result<TumourBoard>>, IAuditedQuery;

    public sealed record TumourBoard(IReadOnlyList<BoardRow> Rows, int Total, string RuleVersion);

    public sealed record BoardRow(Guid CourseId, string PatientName, DateOnly DateOfBirth, int Sessions, DateOnly? LastSessionOn, int SessionsWithoutResponse, bool Listed);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit, CoursePolicy policy) : IQueryHandler<Query, Result<TumourBoard>>
    {
        public async ValueTask<Result<TumourBoard>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var flagged = db.TreatmentCourses.AsNoTracking().Where(c => c.State == CourseState.Active).Where(TreatmentCourse.FlaggedBy(policy));
            var found = await (
                from c in flagged.OrderByDescending(c => c.LastSessionOn).ThenBy(c => c.Id).Take(Limit)
                join p in db.Patients on c.PatientId equals p.Id
                select new { c.Id, p.FirstName, p.LastName, p.DateOfBirth, c.SessionCount, c.LastSessionOn, c.SessionsWithoutResponse, c.SessionsWithProgression, c.TransplantStatus })
                .ToListAsync(cancellationToken);
            var rows = found.Select(c => new BoardRow(
                c.Id, $"{c.FirstName} {c.LastName}", c.DateOfBirth, c.SessionCount, c.LastSessionOn,
                TreatmentCourse.RefractoryFlagFor(c.SessionsWithoutResponse, c.SessionsWithProgression, policy).SessionsWithoutResponse,
                c.TransplantStatus == TransplantListingStatus.Listed)).ToList();
            var total = rows.Count < Limit ? rows.Count : await flagged.CountAsync(cancellationToken);
            audit.RecordListView("TumourBoard", nameof(TreatmentCourse), rows.Select(r => r.CourseId));
            return new TumourBoard(rows, total, policy.RefractoryRuleVersion);
        }
    }
}
