namespace Scheduling.Application.Features.Review;

/// <summary>What an IR physician decides about a referral awaiting review.</summary>
public enum ReviewDecision
{
    /// <summary>Needs-review outcome cleared for scheduling; a note is optional.</summary>
    Approve,

    /// <summary>Not treated; a reason is required.</summary>
    Decline,

    /// <summary>An ineligible outcome accepted anyway; a justification is required.</summary>
    Override,

    /// <summary>Not decided yet: the referring doctor is asked for more (the message is required) and resubmits.</summary>
    RequestInformation,
}
