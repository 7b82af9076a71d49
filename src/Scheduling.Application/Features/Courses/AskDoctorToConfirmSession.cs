using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>Staff ask the referring doctor (again) to confirm a planned session: an email with the link to the draft.</summary>
public static class AskDoctorToConfirmSession
{
    public sealed record Command(Guid ReferralId) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, CourseNotifications notifications, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
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

            var asked = await db.OutboxMessages.CountAsync(m => m.SubjectId == referral.Id && m.Kind == MessageKinds.DoctorNextSessionPlanned, cancellationToken);
            notifications.NextSessionPlanned(referral.Id, asked + 1);
            referral.Note("DoctorAsked", "The referring doctor was asked to confirm the planned session.", clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            return await db.SaveOrConflictAsync(ChangedMessage, cancellationToken) is { } conflict ? conflict : Result.Success();
        }

        private const string ChangedMessage = "This referral was just changed by someone else; reload it.";
    }
}
