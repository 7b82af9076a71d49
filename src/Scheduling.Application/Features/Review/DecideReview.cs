using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Display;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Messaging;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Review;

/// <summary>
/// Approve, decline, override or ask for more information, by an IR physician. The who, when and
/// why land on the referral and its timeline through the entity's own transitions, and the
/// referring doctor's email is queued in the same transaction.
/// </summary>
public static class DecideReview
{
    public const string TextField = nameof(Command.Text);

    public sealed record Command(Guid ReferralId, ReviewDecision Decision, string? Text) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).IsInEnum();
            RuleFor(c => c.Text)
                .Must(t => !string.IsNullOrWhiteSpace(t)).When(c => c.Decision == ReviewDecision.Decline)
                .WithMessage("Give the reason for declining; the referring doctor will see it.");
            RuleFor(c => c.Text)
                .Must(t => !string.IsNullOrWhiteSpace(t)).When(c => c.Decision == ReviewDecision.Override)
                .WithMessage("Give the clinical justification for overriding the ineligible outcome.");
            RuleFor(c => c.Text)
                .Must(t => !string.IsNullOrWhiteSpace(t)).When(c => c.Decision == ReviewDecision.RequestInformation)
                .WithMessage("Say what the referring doctor should add or check; they will receive it by email.");
            RuleFor(c => c.Text)
                .Must(t => t is null || t.Trim().Length <= Referral.ReasonMaxLength)
                .WithMessage($"This can be at most {Referral.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, IOutbox outbox, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!user.IsInRole(Roles.Radiologist))
            {
                return Error.NotFound();
            }

            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == command.ReferralId, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound();
            }

            if (!referral.CanBeReviewed)
            {
                return Error.Conflict($"This referral is no longer awaiting review (it is {DisplayNames.InSentence(referral.Status)}); someone may have just decided it.");
            }

            var ineligible = referral.Outcome == EligibilityOutcome.Ineligible;
            if (command.Decision == ReviewDecision.Approve && ineligible)
            {
                return Error.Validation(TextField, "The questionnaire found this referral ineligible: override it with a justification, or decline it.");
            }

            if (command.Decision == ReviewDecision.Override && !ineligible)
            {
                return Error.Conflict("Only an ineligible outcome can be overridden; approve or decline this referral instead.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = await directory.ActorAsync(user, cancellationToken);
            switch (command.Decision)
            {
                case ReviewDecision.Approve:
                    referral.Approve(command.Text, now, actor);
                    break;
                case ReviewDecision.Decline:
                    referral.Decline(command.Text!, now, actor);
                    break;
                case ReviewDecision.Override:
                    referral.Override(command.Text!, now, actor);
                    break;
                case ReviewDecision.RequestInformation:
                    referral.RequestInformation(command.Text!, now, actor);
                    break;
            }

            // One message per decision: the referral's timeline length tells decisions apart (a
            // second request for information after a resubmission is a new message, not a duplicate).
            var decisionNumber = await db.ReferralEvents.CountAsync(e => e.ReferralId == referral.Id, cancellationToken);
            outbox.Enqueue(ReviewMessageComposer.KindFor(command.Decision), referral.Id, decisionNumber);

            if (await db.SaveOrConflictAsync("Someone else decided this referral at the same time; open it again to see their decision.", cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return Result.Success();
        }
    }
}
