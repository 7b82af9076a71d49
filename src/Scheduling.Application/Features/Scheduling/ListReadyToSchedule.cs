using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Scheduling;

/// <summary>
/// The scheduler's work list: referrals ready to schedule, urgent first, then the longest waiting,
/// with what a scheduler must know before booking (overnight bed, labs or imaging to repeat by the
/// earliest day that could be booked).
/// </summary>
public static class ListReadyToSchedule
{
    /// <summary>The queue and its order, in SQL: ready to schedule, urgent first, then the longest waiting.</summary>
    public static IOrderedQueryable<Referral> InQueueOrder(this IQueryable<Referral> referrals) => referrals
        .Where(r => r.Status == ReferralStatus.ReadyToSchedule)
        .OrderBy(r => r.Urgency == Urgency.Urgent ? 0 : 1)
        .ThenBy(r => r.ReadyToScheduleSinceUtc ?? r.UpdatedAtUtc)
        .ThenBy(r => r.Id);

    public sealed record Query : IQuery<Result<Queue>>;

    public sealed record Queue(DateOnly EarliestBookableDate, IReadOnlyList<Row> Rows);

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

            var referrals = await db.Referrals.AsNoTracking()
                .InQueueOrder()
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
                    r.QuestionnaireJson,
                })
                .ToListAsync(cancellationToken);

            audit.Record("Viewed", "SchedulingQueue", null, $"{referrals.Count} referrals");
            await db.SaveChangesAsync(cancellationToken);

            var today = clinicTime.Today(clock);
            var earliest = slotPolicy.EarliestBookableLocalDate(today);
            var rows = referrals
                .Select(r =>
                {
                    var since = r.ReadyToScheduleSinceUtc ?? r.UpdatedAtUtc;
                    var staleness = Staleness(r.QuestionnaireJson, earliest);
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
                        staleness?.LabsMustBeRepeated ?? false,
                        staleness?.ImagingMustBeRepeated ?? false);
                })
                .ToList();
            return new Queue(earliest, rows);
        }

        private Staleness? Staleness(string? questionnaireJson, DateOnly plannedDate)
        {
            var questionnaire = QuestionnaireInput.FromJson(questionnaireJson);
            return questionnaire.LabsDrawnOn is null || questionnaire.ImagingDoneOn is null
                ? null
                : EligibilityEvaluator.CheckStaleness(questionnaire.ToAnswers(), plannedDate, criteria);
        }
    }
}
