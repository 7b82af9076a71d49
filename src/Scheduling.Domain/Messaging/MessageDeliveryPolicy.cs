namespace Scheduling.Domain.Messaging;

/// <summary>
/// How long a message may wait past its due time before staff are told it has not gone out (on
/// "Needs attention", with how many and since when). Monitors hear sooner: /health/ready is Degraded
/// from the first failed attempt. Bound from the "MessageDelivery" configuration section.
/// </summary>
public sealed class MessageDeliveryPolicy
{
    public const string SectionName = "MessageDelivery";

    public const int DefaultAlertAfterMinutes = 30;
    public const int MaxAlertAfterMinutes = 24 * 60;

    public int AlertAfterMinutes { get; set; } = DefaultAlertAfterMinutes;

    public TimeSpan AlertAfter => TimeSpan.FromMinutes(AlertAfterMinutes);

    /// <summary>Messages due before this instant and still not delivered are delayed.</summary>
    public DateTime DelayedIfDueBefore(DateTime nowUtc) => nowUtc - AlertAfter;

    public IReadOnlyList<string> Validate() => AlertAfterMinutes is < 1 or > MaxAlertAfterMinutes
        ? [$"MessageDelivery:AlertAfterMinutes must be between 1 and {MaxAlertAfterMinutes} (is {AlertAfterMinutes})."]
        : [];
}
