using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Start;

/// <summary>
/// What waits for the signed-in referring doctor on their start page: their own referrals on which an
/// IR physician asked for more information, those declined in the last <see cref="DeclinedShownForDays"/>
/// days, and their drafts not yet sent; each with its count and the newest few to open. Only the doctor's
/// own referrals are counted (<see cref="ReferralAccess.OwnedBy"/>).
/// </summary>
public static class GetDoctorStart
{
    public const int DeclinedShownForDays = 30;

    /// <summary>How many referrals of each kind the page names; the count says how many there are in all.</summary>
    public const int Listed = 5;

    public sealed record Query : IQuery<Result<View>>, IAuditedQuery;

    public sealed record View(Group InformationRequested, Group Declined, Group Drafts)
    {
        public bool NothingWaits => InformationRequested.Count == 0 && Declined.Count == 0 && Drafts.Count == 0;
    }

    /// <param name="Count">All of them; <paramref name="Newest"/> holds at most <see cref="Listed"/>.</param>
    public sealed record Group(int Count, IReadOnlyList<Row> Newest);

    /// <param name="SinceLocal">Clinic time of the request, the decision, or the draft's last change.</param>
    public sealed record Row(Guid Id, string PatientName, DateTime SinceLocal);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit, ClinicTime clinicTime, TimeProvider clock)
        : IQueryHandler<Query, Result<View>>
    {
        public async ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!user.IsInRole(Roles.ReferringPhysician))
            {
                return Error.NotFound();
            }

            var mine = db.Referrals.AsNoTracking().OwnedBy(user);
            var declinedSince = clock.GetUtcNow().UtcDateTime.AddDays(-DeclinedShownForDays);
            var requested = await GroupAsync(mine.Where(r => r.Status == ReferralStatus.InformationRequested), cancellationToken);
            var declined = await GroupAsync(mine.Where(r => r.Status == ReferralStatus.Declined && r.DecidedAtUtc >= declinedSince), cancellationToken);
            var drafts = await GroupAsync(mine.Where(r => r.Status == ReferralStatus.Draft), cancellationToken);

            var view = new View(requested, declined, drafts);
            audit.RecordListView(
                "StartPage",
                nameof(Referral),
                requested.Newest.Concat(declined.Newest).Concat(drafts.Newest).Select(r => r.Id),
                $"{requested.Count} with information requested, {declined.Count} declined, {drafts.Count} drafts");
            return view;
        }

        private async Task<Group> GroupAsync(IQueryable<Referral> referrals, CancellationToken cancellationToken)
        {
            var count = await referrals.CountAsync(cancellationToken);
            if (count == 0)
            {
                return new Group(0, []);
            }

            var newest = await referrals
                .OrderByDescending(r => r.DecidedAtUtc ?? r.UpdatedAtUtc)
                .ThenBy(r => r.Id)
                .Take(Listed)
                .Select(r => new { r.Id, r.PatientFirstName, r.PatientLastName, Since = r.DecidedAtUtc ?? r.UpdatedAtUtc })
                .ToListAsync(cancellationToken);
            return new Group(count, newest.Select(r => new Row(r.Id, $"{r.PatientFirstName} {r.PatientLastName}", clinicTime.ToLocal(r.Since))).ToList());
        }
    }
}
