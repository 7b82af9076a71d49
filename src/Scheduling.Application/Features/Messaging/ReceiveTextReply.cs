using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// A patient answered one of our texts (the provider's inbound webhook, its signature already checked).
/// STOP takes effect at once: the number is recorded as opted out, so the very next text to it is
/// skipped, and the referrals with that number say so on their timeline for staff. START undoes it;
/// HELP gets the clinic's name and number; anything else gets "we do not read replies, please call".
/// The answer is in the language of the patient the number belongs to. Nothing of the reply's text is
/// stored or logged.
/// </summary>
public static class ReceiveTextReply
{
    /// <summary>Referrals still in the clinic's hands, which a STOP or START is noted on.</summary>
    private static readonly ReferralStatus[] OpenStatuses =
        [ReferralStatus.ReadyToSchedule, ReferralStatus.Scheduled, ReferralStatus.AwaitingReview, ReferralStatus.InformationRequested, ReferralStatus.Submitted];

    /// <summary>The conflict of a STOP that lost a race with another STOP from the same number: send the command again.</summary>
    public const string AlreadyStopped = "The number was stopped by another reply at the same moment.";

    /// <returns>The text to answer with, or null to answer nothing.</returns>
    public sealed record Command(string? From, string? Body) : ICommand<Result<string?>>;

    public sealed class Handler(
        IApplicationDbContext db, IAuditLog audit, IDatabaseErrors errors, PatientTexts texts, ClinicOptions clinic, TimeProvider clock)
        : ICommandHandler<Command, Result<string?>>
    {
        public async ValueTask<Result<string?>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.From?.Trim().StartsWith('+') != true || MobileNumbers.Normalize(command.From) is not { } number)
            {
                return (string?)null;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var referrals = await db.Referrals
                .Where(r => r.PatientMobile == number)
                .OrderByDescending(r => r.UpdatedAtUtc)
                .Take(20)
                .ToListAsync(cancellationToken);
            var language = referrals.FirstOrDefault()?.TextLanguage ?? PatientLanguages.English;
            var open = referrals.Where(r => OpenStatuses.Contains(r.Status)).ToList();
            var shown = MobileNumbers.Display(number);

            switch (TextReplies.Classify(command.Body))
            {
                case TextReplyKind.Stop:
                    var optOut = await db.TextOptOuts.SingleOrDefaultAsync(o => o.PhoneNumber == number, cancellationToken);
                    if (optOut is null)
                    {
                        optOut = TextOptOut.Create(number, TextReplies.Keyword(command.Body), now);
                        db.TextOptOuts.Add(optOut);
                        open.ForEach(r => r.Note("TextsStopped", $"The patient replied {optOut.Keyword} from {shown}: no more texts to this number.", now, actor: null));
                        audit.Record("TextsStopped", nameof(TextOptOut), optOut.Id, $"{optOut.Keyword} reply; {open.Count} open referral(s)");

                        // Two STOPs at once: the loser's transaction is rolled back, and it is asked again
                        // (the caller sends the command once more), when the opt-out already exists.
                        if (await db.SaveOrConflictAsync(errors.Duplicate(Error.Conflict(AlreadyStopped)), cancellationToken) is { } raced)
                        {
                            return raced;
                        }
                    }

                    return texts.Format(language, "Sms.StopReply", clinic.Name);

                case TextReplyKind.Start:
                    if (await db.TextOptOuts.SingleOrDefaultAsync(o => o.PhoneNumber == number, cancellationToken) is { } stopped)
                    {
                        db.TextOptOuts.Remove(stopped);
                        open.ForEach(r => r.Note("TextsRestarted", $"The patient replied START from {shown}: texts may go to this number again.", now, actor: null));
                        audit.Record("TextsRestarted", nameof(TextOptOut), stopped.Id, $"START reply; {open.Count} open referral(s)");
                        await db.SaveChangesAsync(cancellationToken);
                    }

                    return texts.Format(language, "Sms.StartReply", clinic.Name);

                case TextReplyKind.Help:
                    return texts.Format(language, "Sms.HelpReply", clinic.Name, clinic.Phone);

                default:
                    audit.Record("TextReplyReceived", "Referral", referrals.FirstOrDefault()?.Id, "A reply that is not a keyword; the patient was asked to call.");
                    await db.SaveChangesAsync(cancellationToken);
                    return texts.Format(language, "Sms.OtherReply", clinic.Name, clinic.Phone);
            }
        }
    }
}
