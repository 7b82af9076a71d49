using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>The doctor attaches a report: PDF, JPEG or PNG by content, at most 10 MB, at most 5 per referral.</summary>
public static class AddAttachment
{
    public const string FileField = "File";

    /// <param name="SizeBytes">The uploaded size; checked before the bytes are read, so an oversized file is never buffered.</param>
    /// <param name="Content">Null when the upload was too large to read.</param>
    public sealed record Command(Guid ReferralId, string? FileName, long SizeBytes, byte[]? Content) : ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SizeBytes).Cascade(CascadeMode.Stop)
                .GreaterThan(0).WithMessage("Choose a file to attach.")
                .LessThanOrEqualTo(ReferralAttachment.MaxBytes).WithMessage(
                    c => $"The file is {Megabytes(c.SizeBytes)}; an attachment can be at most {ReferralAttachment.MaxBytes / (1024 * 1024)} MB.")
                .OverridePropertyName(FileField);
            RuleFor(c => c.Content)
                .Must((c, content) => content is not null && content.Length == c.SizeBytes).WithMessage("The file could not be read; try again.")
                .When(c => c.SizeBytes is > 0 and <= ReferralAttachment.MaxBytes)
                .OverridePropertyName(FileField);
            RuleFor(c => c.Content)
                .Must(content => AttachmentContent.Detect(content) is not null)
                .WithMessage("This file is not a PDF, JPEG or PNG (the content was checked, not the name). Save it as one of those and attach it again.")
                .When(c => c.Content is { Length: > 0 } && c.Content.Length == c.SizeBytes && c.SizeBytes <= ReferralAttachment.MaxBytes)
                .OverridePropertyName(FileField);
        }

        private static string Megabytes(long bytes) =>
            (bytes / (1024m * 1024m)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.OwnedBy(user).SingleOrDefaultAsync(r => r.Id == command.ReferralId, cancellationToken);
            if (referral is null)
            {
                return Error.NotFound();
            }

            if (!referral.CanAddAttachments)
            {
                return Error.Validation(FileField, $"Files can no longer be attached to a referral that is {referral.Status}.");
            }

            var count = await db.ReferralAttachments.CountAsync(a => a.ReferralId == referral.Id, cancellationToken);
            if (count >= ReferralAttachment.MaxPerReferral)
            {
                return Error.Validation(FileField, $"A referral can have at most {ReferralAttachment.MaxPerReferral} attachments; remove one first.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var attachment = ReferralAttachment.Create(referral.Id, command.FileName ?? string.Empty, command.Content!, now, user.UserId!);
            db.ReferralAttachments.Add(attachment);
            if (referral.Status != ReferralStatus.Draft)
            {
                // After submission the reviewers need to see that something new arrived.
                referral.Note("AttachmentAdded", $"Attachment added: {attachment.FileName}", now, await directory.ActorNameAsync(user, cancellationToken));
            }

            await db.SaveChangesAsync(cancellationToken);
            return attachment.Id;
        }
    }
}
