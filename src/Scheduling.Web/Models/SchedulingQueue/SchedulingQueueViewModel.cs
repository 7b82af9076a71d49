
using Scheduling.Application.Features.Queue;

namespace Scheduling.Web.Models.SchedulingQueue;

public sealed record SchedulingQueueViewModel(ListReadyToSchedule.Queue Queue)
{
    /// <summary>Where a scheduler books a slot for a referral (the booking feature owns that page).</summary>
    public static string BookUrl(Guid referralId) => $"/scheduling/referrals/{referralId}/book";
}
