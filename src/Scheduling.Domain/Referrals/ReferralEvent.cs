using Scheduling.Domain.Common;

namespace Scheduling.Domain.Referrals;

/// <summary>
/// One line of a referral's timeline as the referring doctor and staff see it ("Reviewed: approved by
/// Dr Ray"). Written by the referral's own transitions, so the timeline cannot miss a state change.
/// The audit table remains the complete, technical record; this is the readable story.
/// </summary>
public sealed class ReferralEvent
{
    public const int KindMaxLength = 40;
    public const int TextMaxLength = 1000;
    public const int ActorMaxLength = 256;
    public const int ActorUserIdMaxLength = 450;

    private ReferralEvent()
    {
        Kind = string.Empty;
        Text = string.Empty;
    }

    public Guid Id { get; private init; }

    public Guid ReferralId { get; private init; }

    public DateTime AtUtc { get; private init; }

    /// <summary>A stable machine name (Submitted, Approved, Scheduled, Confirmed...).</summary>
    public string Kind { get; private init; }

    /// <summary>Plain-language description, with the reason or justification where one was given.</summary>
    public string Text { get; private init; }

    /// <summary>Full name of who did it, as shown; null for the system or the patient.</summary>
    public string? Actor { get; private init; }

    /// <summary>The account of who did it; null for the system, the patient, and lines without an account.</summary>
    public string? ActorUserId { get; private init; }

    internal static ReferralEvent Create(Guid referralId, DateTime atUtc, string kind, string text, Actor? actor) => new()
    {
        Id = Guid.CreateVersion7(),
        ReferralId = referralId,
        AtUtc = atUtc,
        Kind = kind,
        Text = text.Length > TextMaxLength ? text[..TextMaxLength] : text,
        Actor = actor?.Name is { Length: > ActorMaxLength } name ? name[..ActorMaxLength] : actor?.Name,
        ActorUserId = actor?.UserId,
    };
}
