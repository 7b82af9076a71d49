using Scheduling.Application.Features.Start;

namespace Scheduling.Web.Models.Start;

/// <summary>What waits for the signed-in person, one part per role they hold (null: not theirs).</summary>
public sealed record StartPageViewModel(
    string Name,
    GetDoctorStart.View? Doctor,
    GetReviewStart.View? Review,
    GetSchedulingStart.View? Scheduling)
{
    /// <summary>"3 days", "5 hours", "less than an hour": how long the longest has waited, in words.</summary>
    public static string Waited(TimeSpan wait) =>
        wait.TotalDays >= 2 ? $"{(int)wait.TotalDays} days"
        : wait.TotalHours >= 2 ? $"{(int)wait.TotalHours} hours"
        : wait.TotalHours >= 1 ? "1 hour"
        : "less than an hour";

    /// <summary>"1 referral", "3 referrals".</summary>
    public static string Count(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";
}

/// <summary>One kind of referral waiting on a doctor: its heading, a hint of what to do, and the referrals (edited or shown by <paramref name="Action"/>).</summary>
public sealed record StartGroupModel(string Id, string Heading, string Hint, GetDoctorStart.Group Group, string? Action);
