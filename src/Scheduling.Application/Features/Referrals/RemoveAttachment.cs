using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Referrals;

/// <summary>The doctor removes an attachment while the referral is still a draft.</summary>
public static class RemoveAttachment
{
    public sealed record Command(Guid ReferralId, Guid AttachmentId) : ICommand<Result>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().OwnedBy(user).SingleOrDefaultAsync(r => r.Id == command.ReferralId, cancellationToken);
            var attachment = referral is null
                ? null
                : await db.ReferralAttachments.SingleOrDefaultAsync(a => a.Id == command.AttachmentId && a.ReferralId == referral.Id, cancellationToken);
            if (referral is null || attachment is null)
            {
                return Error.NotFound();
            }

            if (!referral.CanRemoveAttachments)
            {
                return Error.Conflict("Attachments of a submitted referral stay on the record.");
            }

            db.ReferralAttachments.Remove(attachment);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
