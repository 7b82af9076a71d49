using Scheduling.Domain.Messaging;

namespace Scheduling.UnitTests.Messaging;

public class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    [Fact]
    public void Create_WithoutLaterTime_IsDueNow()
    {
        var message = OutboxMessage.Create("Kind", Guid.NewGuid(), 1, Now);

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(Now, message.NextAttemptAtUtc);
    }

    [Fact]
    public void Create_WithLaterTime_IsDueThen()
    {
        var message = OutboxMessage.Create("Reminder", Guid.NewGuid(), 1, Now, Now.AddHours(48));

        Assert.Equal(Now.AddHours(48), message.NextAttemptAtUtc);
    }

    [Fact]
    public void FailedAttempt_BacksOffByTheAttemptsDelay_ThenFailsForGoodAfterTheLast()
    {
        var message = OutboxMessage.Create("Kind", Guid.NewGuid(), 1, Now);

        SetAttempts(message, 1);
        message.MarkAttemptFailed("SmtpCommandException", Now, Backoff);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(Now.AddMinutes(1), message.NextAttemptAtUtc);

        SetAttempts(message, 2);
        message.MarkAttemptFailed("SmtpCommandException", Now, Backoff);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(Now.AddMinutes(5), message.NextAttemptAtUtc);

        SetAttempts(message, 3);
        message.MarkAttemptFailed("SmtpCommandException", Now, Backoff);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal("SmtpCommandException", message.LastError);
    }

    [Fact]
    public void Retry_OfAFailedMessage_StartsAfresh()
    {
        var message = OutboxMessage.Create("Kind", Guid.NewGuid(), 1, Now);
        SetAttempts(message, 3);
        message.MarkAttemptFailed("IOException", Now, Backoff);

        message.Retry(Now.AddHours(1));

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        Assert.Equal(Now.AddHours(1), message.NextAttemptAtUtc);
    }

    [Fact]
    public void MarkSent_RecordsTheMessageIdAndTime()
    {
        var message = OutboxMessage.Create("Kind", Guid.NewGuid(), 1, Now);

        message.MarkSent("abc@clinic", Now.AddSeconds(3));

        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal("abc@clinic", message.SentMessageId);
        Assert.Equal(Now.AddSeconds(3), message.SentAtUtc);
    }

    // Attempts are counted by the dispatcher's atomic claim (an UPDATE in the database), not by the entity.
    private static void SetAttempts(OutboxMessage message, int attempts) =>
        typeof(OutboxMessage).GetProperty(nameof(OutboxMessage.Attempts))!.SetValue(message, attempts);
}
