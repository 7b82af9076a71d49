using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Courses;
using Scheduling.Application.Features.Patients;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>
/// Sends a referral with its complete questionnaire: the form is saved and evaluated in one
/// transaction, so a refused submission leaves nothing behind, and the outcome is fixed with the
/// criteria version it was evaluated under. A referral already sent (awaiting review, asked for
/// more information, waiting to be scheduled) is sent again the same way: its doctor's changes are
/// evaluated with the current criteria and the new assessment joins the earlier one on the timeline.
/// </summary>
public static class SubmitReferral
{
    public sealed record Command(Guid? ReferralId, ReferralDetailsInput Details, QuestionnaireInput Questionnaire) : ICommand<Result<Submitted>>;

    /// <summary>Where the form keeps the lab and imaging dates (a planned session's refresh errors go next to them).</summary>
    private const string RefreshPrefix = nameof(Command.Questionnaire) + ".";

    public sealed record Submitted(Guid ReferralId, EligibilityOutcome Outcome, string ChildPugh, IReadOnlyList<FindingView> Findings, bool Resubmitted = false);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock, ClinicTime clinicTime)
        {
            RuleFor(c => c.Details).NotNull().SetValidator(new ReferralDetailsValidator(clock, clinicTime));
            RuleFor(c => c.Questionnaire).NotNull().SetValidator(new CompleteQuestionnaireValidator(clock, clinicTime));
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, EligibilityCriteria criteria, TimeProvider clock)
        : ICommandHandler<Command, Result<Submitted>>
    {
        public async ValueTask<Result<Submitted>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (command.ReferralId is { } id && user.IsInRole(Common.Security.Roles.ReferringPhysician)
                && await db.Referrals.OwnedBy(user).SingleOrDefaultAsync(r => r.Id == id && r.Status != ReferralStatus.Draft, cancellationToken) is { } sent)
            {
                return await ResubmitAsync(sent, command, now, cancellationToken);
            }

            var saved = await SaveDraft.Handler.SaveAsync(db, user, command.ReferralId, command.Details, command.Questionnaire, now, cancellationToken);
            if (saved.Failed(out var error, out var referral))
            {
                return error;
            }

            if (await PlannedSessions.CheckRefreshedAsync(db, referral, command.Questionnaire.LabsDrawnOn, command.Questionnaire.ImagingDoneOn, RefreshPrefix, cancellationToken) is { } stale)
            {
                return stale;
            }

            var answers = command.Questionnaire.ToAnswers();
            var assessment = EligibilityEvaluator.Evaluate(answers, criteria);
            var actor = await directory.ActorAsync(user, cancellationToken);
            referral.Submit(answers, command.Questionnaire.ToJson(), assessment, FindingView.ToJson(assessment.Findings), now, actor);
            await PatientRecords.OpenIfNoMatchAsync(db, referral, now, cancellationToken);

            if (await db.SaveOrConflictAsync("This referral was changed at the same time; open it again and resubmit.", cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return new Submitted(
                referral.Id,
                assessment.Outcome,
                assessment.ChildPugh.Display,
                FindingView.FromJson(referral.FindingsJson));
        }

        private async Task<Result<Submitted>> ResubmitAsync(Referral referral, Command command, DateTime now, CancellationToken cancellationToken)
        {
            if (!referral.CanBeUpdatedByDoctor)
            {
                return Error.Conflict(referral.Status == ReferralStatus.Scheduled
                    ? "This referral is booked; call the clinic to change it."
                    : "This referral is closed and can no longer be changed.");
            }

            if (await PlannedSessions.CheckRefreshedAsync(db, referral, command.Questionnaire.LabsDrawnOn, command.Questionnaire.ImagingDoneOn, RefreshPrefix, cancellationToken) is { } stale)
            {
                return stale;
            }

            var answers = command.Questionnaire.ToAnswers();
            var assessment = EligibilityEvaluator.Evaluate(answers, criteria);
            var actor = await directory.ActorAsync(user, cancellationToken);
            referral.Resubmit(command.Details.ToDetails(), answers, command.Questionnaire.ToJson(), assessment, FindingView.ToJson(assessment.Findings), now, actor);

            if (await db.SaveOrConflictAsync("This referral was changed at the same time (perhaps booked or reviewed); open it again.", cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return new Submitted(referral.Id, assessment.Outcome, assessment.ChildPugh.Display, FindingView.FromJson(referral.FindingsJson), Resubmitted: true);
        }
    }
}
