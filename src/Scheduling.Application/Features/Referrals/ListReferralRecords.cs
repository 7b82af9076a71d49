using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>
/// Sent referrals (drafts are not referrals yet) as records for a system client: the patient, the
/// request, the answers and the outcome, a page at a time, newest first, only those the caller may see
/// (<see cref="ReferralAccess.VisibleTo"/>: a client sees what its doctor sees). One referral by id is
/// the same query with a page of one. Every page is one audited view of the referrals on it.
/// </summary>
public static class ListReferralRecords
{
    public sealed record Query(Guid? ReferralId, int Offset, int Count) : IQuery<Result<Page>>, IAuditedQuery;

    public sealed record Page(int Total, IReadOnlyList<ReferralRecord> Records);

    public sealed record ReferralRecord(
        Guid Id,
        ReferralStatus Status,
        string DoctorName,
        ReferralDetailsInput Details,
        QuestionnaireInput Questionnaire,
        EligibilityOutcome? Outcome,
        string? CriteriaVersion,
        string? ChildPugh,
        IReadOnlyList<FindingView> Findings,
        DateTime CreatedAtUtc,
        DateTime UpdatedAtUtc,
        DateTime? SubmittedAtUtc,
        string? DecisionReason);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, IAuditLog audit, EligibilityCriteria criteria)
        : IQueryHandler<Query, Result<Page>>
    {
        public async ValueTask<Result<Page>> Handle(Query query, CancellationToken cancellationToken)
        {
            var visible = db.Referrals.AsNoTracking().VisibleTo(user).Where(r => r.Status != ReferralStatus.Draft);
            if (query.ReferralId is { } id)
            {
                visible = visible.Where(r => r.Id == id);
            }

            var total = await visible.CountAsync(cancellationToken);
            var referrals = await visible
                .OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
                .Skip(Math.Max(0, query.Offset)).Take(Math.Max(0, query.Count))
                .ToListAsync(cancellationToken);

            Dictionary<string, string> doctors = [];
            foreach (var doctorId in referrals.Select(r => r.DoctorUserId).Distinct())
            {
                doctors[doctorId] = (await directory.FindAsync(doctorId, cancellationToken))?.DisplayName ?? UserDirectoryExtensions.UnknownUser;
            }

            if (query.ReferralId is { } one)
            {
                if (referrals.Count == 0)
                {
                    return Error.NotFound();
                }

                audit.RecordView(nameof(Referral), one);
            }
            else
            {
                audit.RecordListView("ReferralRecords", nameof(Referral), referrals.Select(r => r.Id), $"{referrals.Count} of {total} referrals");
            }

            return new Page(total, referrals.Select(r =>
            {
                var questionnaire = QuestionnaireInput.FromJson(r.QuestionnaireJson);
                return new ReferralRecord(
                    r.Id, r.Status, doctors[r.DoctorUserId], ReferralDetailsInput.From(r), questionnaire, r.Outcome, r.CriteriaVersion,
                    questionnaire.ChildPugh(criteria)?.Display, FindingView.FromJson(r.FindingsJson),
                    r.CreatedAtUtc, r.UpdatedAtUtc, r.SubmittedAtUtc, r.DecisionReason);
            }).ToList());
        }
    }
}
