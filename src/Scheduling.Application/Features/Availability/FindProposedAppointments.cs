using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Availability;

/// <summary>
/// The times a referral could be booked between two instants (FHIR <c>$find</c>): every free slot
/// whose whole case fits (<see cref="SlotAvailability.BookableBetweenAsync"/>: room, physician,
/// nurse, recovery bay; a slot under someone's live hold does not fit), never one inside the lead
/// time (only the clinic's schedulers may book those, with a reason), with the physician asked for
/// or the one the fair assignment would give. All of them are counted; the first
/// <see cref="Query.Count"/> are returned. Only for a referral the caller may see
/// (<see cref="ReferralAccess.VisibleTo"/>: a system sees its doctor's), others are not found; one
/// audited view of the referral. Holding and booking one need more (<see cref="BookingRules.MayBookFor"/>).
/// </summary>
public static class FindProposedAppointments
{
    /// <param name="Count">How many to return (0: only the total).</param>
    public sealed record Query(Guid ReferralId, DateTime FromUtc, DateTime ToUtc, Guid? PhysicianId, int Count)
        : IQuery<Result<Proposals>>, IAuditedQuery;

    public sealed record Proposals(int Total, IReadOnlyList<Proposal> Page);

    /// <param name="PhysicianId">The IR physician the case would get (asked for, or assigned fairly now); null when none is needed.</param>
    public sealed record Proposal(Guid SlotId, Guid RoomId, string RoomName, DateTime StartUtc, DateTime EndUtc, Guid? PhysicianId, string? PhysicianName);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.ReferralId).NotEmpty().WithMessage("Name the referral to find appointments for.");
            RuleFor(q => q.ToUtc).GreaterThan(q => q.FromUtc).WithMessage("The end must be after the start.");
            RuleFor(q => q.ToUtc)
                .Must((q, to) => to - q.FromUtc <= SlotAvailability.MaxStretch)
                .WithMessage($"Ask for at most {SlotAvailability.MaxStretch.TotalDays:0} days at a time.");
            RuleFor(q => q.Count).InclusiveBetween(0, SlotAvailability.MaxCount)
                .WithMessage($"Ask for between 0 and {SlotAvailability.MaxCount} appointments.");
        }
    }

    public sealed class Handler(
        IApplicationDbContext db, CapacitySnapshots snapshots, ICurrentUser user, IAuditLog audit, ClinicTime clinicTime, SlotPolicy policy, TimeProvider clock)
        : IQueryHandler<Query, Result<Proposals>>
    {
        public async ValueTask<Result<Proposals>> Handle(Query query, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(r => r.Id == query.ReferralId, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound("The referral was not found.");
            }

            if (BookingRules.NotReadyMessage(referral) is { } notReady)
            {
                return Error.Validation(nameof(Query.ReferralId), notReady);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var found = await db.BookableBetweenAsync(
                snapshots, clinicTime, now, query.PhysicianId, query.FromUtc, query.ToUtc,
                slot => policy.IsBookable(slot.StartUtc, now, clinicTime), cancellationToken);
            audit.RecordView(nameof(Referral), referral.Id, $"{found.Offers.Count} proposed appointments");
            return new Proposals(
                found.Offers.Count,
                found.Offers.Take(query.Count)
                    .Select(o => new Proposal(o.Slot.SlotId, o.Slot.RoomId, o.Slot.RoomName, o.Slot.StartUtc, o.Slot.EndUtc, o.PhysicianId, o.PhysicianName))
                    .ToList());
        }
    }
}
