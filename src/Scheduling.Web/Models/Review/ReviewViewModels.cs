using Scheduling.Application.Features.Referrals;
using Scheduling.Application.Features.Review;

namespace Scheduling.Web.Models.Review;

public sealed record ReviewQueueViewModel(ListReviewQueue.Queue Queue)
{
    public IReadOnlyList<ListReviewQueue.Row> Rows => Queue.Rows;

    /// <summary>Sent back to the referring doctor for more information, not yet resubmitted.</summary>
    public IReadOnlyList<ListAwaitingDoctor.Row> AwaitingDoctor { get; init; } = [];
}

/// <summary>A referral under review with the four decision forms (each with its own text field).</summary>
public sealed class ReviewPageViewModel
{
    public required GetReferral.ReferralView Referral { get; init; }

    public string? ApproveNote { get; set; }

    public string? DeclineReason { get; set; }

    public string? OverrideJustification { get; set; }

    public string? InformationRequest { get; set; }
}
