using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Capacity;

namespace Scheduling.Application.Features.Resources;

/// <summary>
/// The admin's capacity page: what a TACE needs (the template) and every recovery unit, IR physician,
/// sedation nurse and room with its weekly hours, so the admin sees at a glance what bookings are
/// checked against.
/// </summary>
public static class ListResources
{
    public sealed record Query : IQuery<Result<Page>>;

    public sealed record Page(Template Requirements, bool RequirementsSaved, IReadOnlyList<Row> Resources, IReadOnlyList<Account> StaffAccounts);

    /// <summary>An IR physician's (Radiologist) or other staff account a resource can be linked to, so its owner can enter their own leave.</summary>
    public sealed record Account(string UserId, string Name);

    public sealed record Template(bool Physician, bool SedationNurse, bool RecoveryBay, int RecoveryMinutes);

    public sealed record Row(Guid Id, ResourceKind Kind, string Name, int Bays, bool IsActive, string? AccountName, IReadOnlyList<WeeklyWindow> Hours);

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, CapacitySnapshots snapshots) : IQueryHandler<Query, Result<Page>>
    {
        public async ValueTask<Result<Page>> Handle(Query query, CancellationToken cancellationToken)
        {
            var saved = await db.ProcedureRequirements.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ProcedureRequirements.TheId, cancellationToken);
            var template = saved ?? ProcedureRequirements.Defaults();
            var calendars = await snapshots.ResourcesAsync(cancellationToken);
            var staff = (await accounts.ListAsync(cancellationToken))
                .Where(a => a.Status == AccountStatus.Active && (a.Roles.Contains(Roles.Radiologist) || a.Roles.Contains(Roles.Scheduler)))
                .Select(a => new Account(a.UserId, string.IsNullOrWhiteSpace(a.FullName) ? a.Email : a.FullName))
                .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var linked = await db.Resources.AsNoTracking().Where(r => r.UserId != null).Select(r => new { r.Id, r.UserId }).ToListAsync(cancellationToken);
            var names = staff.ToDictionary(a => a.UserId, a => a.Name);
            var accountOf = linked.ToDictionary(r => r.Id, r => names.GetValueOrDefault(r.UserId!));
            var rows = calendars
                .OrderBy(r => r.Kind).ThenByDescending(r => r.IsActive).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(r => new Row(r.Id, r.Kind, r.Name, r.Capacity, r.IsActive, accountOf.GetValueOrDefault(r.Id), r.Hours.OrderBy(h => ((int)h.Weekday + 6) % 7).ToList()))
                .ToList();
            return new Page(
                new Template(template.RequiresPhysician, template.RequiresSedationNurse, template.RequiresRecoveryBay, template.RecoveryMinutes),
                saved is not null,
                rows,
                staff);
        }
    }
}
