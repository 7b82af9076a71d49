using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Lists;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Queue;

/// <summary>
/// The scheduler's work list: referrals ready to schedule, urgent first, then the longest waiting,
/// with what a scheduler must know before booking (overnight bed, labs or imaging to repeat by the
/// earliest day that could be booked).
/// </summary>
public static class ListReadyToSchedule
{
    /// <summary>
    /// The queue and its order, in SQL: ready to schedule, urgent first, then the longest waiting. The
    /// order is stored on the referral (<see cref="Referral.QueueRank"/>, <see cref="Referral.QueueSinceUtc"/>,
    /// kept by the domain) and read in the order of its index: no sort of the whole queue for a page.
    /// </summary>
    public static IOrderedQueryable<Referral> InQueueOrder(this IQueryable<Referral> referrals) => referrals
        .Where(r => r.Status == ReferralStatus.ReadyToSchedule)
        .OrderBy(r => r.QueueRank)
        .ThenBy(r => r.QueueSinceUtc)
        .ThenBy(r => r.Id);

    public const int PageSize = 100;

    /// <param name="Page">1-based; a page holds <see cref="PageSize"/> referrals; past the last page gives the last page.</param>
    public sealed record Query(int Page = 1) : IQuery<Result<Queue>>, IAuditedQuery;

    public sealed record Queue(DateOnly EarliestBookableDate, IReadOnlyList<Row> Rows, PagePosition Position);

    public sealed record Row(
        Guid Id,
        string PatientName,
        string Diagnosis,
        string PracticeName,
        Urgency Urgency,
        DateTime ReadyToScheduleSinceUtc,
        int DaysWaiting,
        bool OvernightBedLikely,
        bool PremedicationNeeded,
        bool LabsMustBeRepeated,
        bool ImagingMustBeRepeated);

    public sealed class Handler(
        IApplicationDbContext db,
        ICurrentUser user,
        IAuditLog audit,
        TimeProvider clock,
        ClinicTime clinicTime,
        SlotPolicy slotPolicy,
        EligibilityCriteria criteria) : IQueryHandler<Query, Result<Queue>>
    {
        public async ValueTask<Result<Queue>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!ReferralAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            // Sorted and paged in SQL; the two dates that decide staleness are columns, so no
            // questionnaire is loaded or parsed for the list.
            var queue = db.Referrals.AsNoTracking().InQueueOrder();
            var position = PagePosition.Of(query.Page, PageSize, await queue.CountAsync(cancellationToken));
            var referrals = await queue
                .Skip(position.Skip)
                .Take(PageSize)
                .Select(r => new
                {
                    r.Id,
                    r.PatientFirstName,
                    r.PatientLastName,
                    r.Diagnosis,
                    r.PracticeName,
                    r.Urgency,
                    r.ReadyToScheduleSinceUtc,
                    r.UpdatedAtUtc,
                    r.OvernightBedLikely,
                    r.PremedicationNeeded,
                    r.LabsDrawnOn,
                    r.ImagingDoneOn,
                })
                .ToListAsync(cancellationToken);

            audit.RecordListView("SchedulingQueue", nameof(Referral), referrals.Select(r => r.Id),
                $"Page {position.Number} ({referrals.Count} of {position.Total} referrals)");

            var today = clinicTime.Today(clock);
            var earliest = slotPolicy.EarliestBookableLocalDate(today);
            var rows = referrals
                .Select(r =>
                {
                    var since = r.ReadyToScheduleSinceUtc ?? r.UpdatedAtUtc;
                    var staleness = EligibilityEvaluator.CheckStaleness(r.LabsDrawnOn, r.ImagingDoneOn, earliest, criteria);
                    return new Row(
                        r.Id,
                        $"{r.PatientFirstName} {r.PatientLastName}",
                        r.Diagnosis,
                        r.PracticeName,
                        r.Urgency ?? Urgency.Routine,
                        since,
                        today.DayNumber - clinicTime.LocalDate(since).DayNumber,
                        r.OvernightBedLikely,
                        r.PremedicationNeeded,
                        staleness.LabsMustBeRepeated,
                        staleness.ImagingMustBeRepeated);
                })
                .ToList();
            return new Queue(earliest, rows, position);
        }
    }
}
