using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>An attachment's bytes, for someone allowed to see its referral; every download is audited.</summary>
public static class DownloadAttachment
{
    public sealed record Query(Guid ReferralId, Guid AttachmentId) : IQuery<Result<File>>;

    public sealed record File(string FileName, string ContentType, byte[] Content);

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog audit) : IQueryHandler<Query, Result<File>>
    {
        public async ValueTask<Result<File>> Handle(Query query, CancellationToken cancellationToken)
        {
            var visible = await db.Referrals.AsNoTracking().VisibleTo(user).AnyAsync(r => r.Id == query.ReferralId, cancellationToken);
            var file = visible
                ? await db.ReferralAttachments.AsNoTracking()
                    .Where(a => a.Id == query.AttachmentId && a.ReferralId == query.ReferralId)
                    .Select(a => new File(a.FileName, a.ContentType, a.Content))
                    .SingleOrDefaultAsync(cancellationToken)
                : null;
            if (file is null)
            {
                return Error.NotFound();
            }

            audit.Record("Downloaded", nameof(ReferralAttachment), query.AttachmentId);
            await db.SaveChangesAsync(cancellationToken);
            return file;
        }
    }
}
