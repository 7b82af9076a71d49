using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// Staff send a planned next session themselves, with the repeated labs and imaging (and the
/// patient's condition now): the answers are merged into the planned questionnaire, checked as any
/// referral's are, the dates must be newer than the last session, and the referral is assessed by the
/// same eligibility rules, landing in the scheduling queue or with an IR physician.
/// </summary>
public static class SubmitPlannedSession
{
    public sealed record Command(Guid ReferralId, RefreshInput Refresh) : ICommand<Result<EligibilityOutcome>>;

    /// <summary>What must be measured again after the last session, and the condition that may have changed.</summary>
    public sealed record RefreshInput
    {
        public DateOnly? LabsDrawnOn { get; init; }

        public decimal? BilirubinMgDl { get; init; }

        public decimal? AlbuminGdL { get; init; }

        public decimal? Inr { get; init; }

        public decimal? Platelets { get; init; }

        public decimal? CreatinineMgDl { get; init; }

        public decimal? Egfr { get; init; }

        public DateOnly? ImagingDoneOn { get; init; }

        public PortalVeinStatus? PortalVein { get; init; }

        public bool? ExtrahepaticDisease { get; init; }

        public decimal? TumourBurdenPercent { get; init; }

        public decimal? LargestLesionCm { get; init; }

        public int? Ecog { get; init; }

        public Ascites? Ascites { get; init; }

        public Encephalopathy? Encephalopathy { get; init; }

        public static RefreshInput From(QuestionnaireInput q)
        {
            ArgumentNullException.ThrowIfNull(q);
            return new()
            {
                LabsDrawnOn = q.LabsDrawnOn,
                BilirubinMgDl = q.BilirubinMgDl,
                AlbuminGdL = q.AlbuminGdL,
                Inr = q.Inr,
                Platelets = q.Platelets,
                CreatinineMgDl = q.CreatinineMgDl,
                Egfr = q.Egfr,
                ImagingDoneOn = q.ImagingDoneOn,
                PortalVein = q.PortalVein,
                ExtrahepaticDisease = q.ExtrahepaticDisease,
                TumourBurdenPercent = q.TumourBurdenPercent,
                LargestLesionCm = q.LargestLesionCm,
                Ecog = q.Ecog,
                Ascites = q.Ascites,
                Encephalopathy = q.Encephalopathy,
            };
        }

        public QuestionnaireInput MergeInto(QuestionnaireInput planned)
        {
            ArgumentNullException.ThrowIfNull(planned);
            return planned with
            {
                LabsDrawnOn = LabsDrawnOn,
                BilirubinMgDl = BilirubinMgDl,
                AlbuminGdL = AlbuminGdL,
                Inr = Inr,
                Platelets = Platelets,
                CreatinineMgDl = CreatinineMgDl,
                Egfr = Egfr,
                ImagingDoneOn = ImagingDoneOn,
                PortalVein = PortalVein,
                ExtrahepaticDisease = ExtrahepaticDisease,
                TumourBurdenPercent = TumourBurdenPercent,
                LargestLesionCm = LargestLesionCm,
                Ecog = Ecog,
                Ascites = Ascites,
                Encephalopathy = Encephalopathy,
            };
        }
    }

    public sealed class Handler(
        IApplicationDbContext db,
        ICurrentUser user,
        IUserDirectory directory,
        EligibilityCriteria criteria,
        ClinicTime clinicTime,
        TimeProvider clock) : ICommandHandler<Command, Result<EligibilityOutcome>>
    {
        public async ValueTask<Result<EligibilityOutcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!CourseAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == command.ReferralId && r.CourseId != null, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound();
            }

            if (referral.Status != ReferralStatus.Draft)
            {
                return Error.Conflict("This planned session has already been sent.");
            }

            var questionnaire = command.Refresh.MergeInto(QuestionnaireInput.FromJson(referral.QuestionnaireJson));
            var checks = await new CompleteQuestionnaireValidator(clock, clinicTime).ValidateAsync(questionnaire, cancellationToken);
            if (!checks.IsValid)
            {
                return Error.Validation(checks.Errors.GroupBy(e => Field(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
            }

            if (await PlannedSessions.CheckRefreshedAsync(db, referral, questionnaire.LabsDrawnOn, questionnaire.ImagingDoneOn, RefreshPrefix, cancellationToken) is { } stale)
            {
                return stale;
            }

            var answers = questionnaire.ToAnswers();
            var assessment = EligibilityEvaluator.Evaluate(answers, criteria);
            var now = clock.GetUtcNow().UtcDateTime;
            referral.Submit(answers, questionnaire.ToJson(), assessment, FindingView.ToJson(assessment.Findings), now, await directory.ActorAsync(user, cancellationToken));
            if (await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return assessment.Outcome;
        }

        private const string RefreshPrefix = nameof(Command.Refresh) + ".";

        /// <summary>A refreshed answer's error goes next to its field on the form; one the form does not show goes above it.</summary>
        private static string Field(string property) =>
            typeof(RefreshInput).GetProperty(property) is null ? string.Empty : RefreshPrefix + property;
    }
}
