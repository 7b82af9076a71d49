using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Referrals;
using Scheduling.Application.Features.Review;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The referring doctor's emails about an IR physician's decision. Composed from the referral as it
/// stands when sent: the physician's message or reason, the patient's initials and the referral
/// reference with a link; never the diagnosis or the questionnaire (those are behind sign-in).
/// </summary>
public sealed class ReviewMessageComposer(IApplicationDbContext db, IUserDirectory users, ClinicOptions clinic) : IOutboxMessageComposer
{
    public IReadOnlyCollection<string> Kinds { get; } =
    [
        MessageKinds.DoctorInformationRequested, MessageKinds.DoctorReviewApproved,
        MessageKinds.DoctorReviewDeclined, MessageKinds.DoctorReviewOverridden,
    ];

    public static string KindFor(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Approve => MessageKinds.DoctorReviewApproved,
        ReviewDecision.Decline => MessageKinds.DoctorReviewDeclined,
        ReviewDecision.Override => MessageKinds.DoctorReviewOverridden,
        ReviewDecision.RequestInformation => MessageKinds.DoctorInformationRequested,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown review decision."),
    };

    public async Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == message.SubjectId, cancellationToken);
        if (referral is null)
        {
            return ComposeResult.Skip("The referral no longer exists.");
        }

        // The doctor already answered (or withdrew): asking again by email would only confuse.
        if (message.Kind == MessageKinds.DoctorInformationRequested && referral.Status != ReferralStatus.InformationRequested)
        {
            return ComposeResult.Skip($"The referral is {referral.Status}; the request for information was answered.");
        }

        if (await users.FindAsync(referral.DoctorUserId, cancellationToken) is not { Email: { Length: > 0 } doctorEmail } doctor)
        {
            return ComposeResult.Skip("The referring doctor's account has no email address.");
        }

        var reason = referral.DecisionReason ?? string.Empty;
        var values = new Dictionary<string, string>
        {
            ["DoctorName"] = doctor.DisplayName,
            ["PatientInitials"] = referral.PatientInitials,
            ["ReferralReference"] = ReferralReference.For(referral.Id),
            ["ClinicName"] = clinic.Name,
            ["ClinicPhone"] = clinic.Phone,
            ["ReferralLink"] = clinic.PublicUrl($"/referrals/{referral.Id}"),
            ["Reason"] = message.Kind == MessageKinds.DoctorReviewApproved && reason.Length > 0 ? "Note: " + reason : reason,
        };

        var template = await EffectiveTemplates.GetAsync(db, message.Kind, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var rendered = RenderedMessage.From(template, values, ["ReferralLink"], EmailFrame.ForStaff(clinic));
        return ComposeResult.Send(new EmailMessage(doctorEmail, doctor.DisplayName, rendered.Subject, rendered.Text, rendered.Html, context.MessageId, []));
    }
}
