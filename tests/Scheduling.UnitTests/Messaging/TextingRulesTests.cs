using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.UnitTests.Messaging;

public sealed class TextingRulesTests
{
    private static readonly ClinicTime NewYork = ClinicTime.FromTimeZoneId("America/New_York");
    private static readonly TextingPolicy Default = new(true, TextingPolicy.DefaultQuietFrom, TextingPolicy.DefaultQuietUntil);

    [Theory]
    [InlineData("2026-03-10T23:00", "2026-03-11T08:00")]
    [InlineData("2026-03-10T21:00", "2026-03-11T08:00")]
    [InlineData("2026-03-11T03:15", "2026-03-11T08:00")]
    [InlineData("2026-03-11T07:59", "2026-03-11T08:00")]
    [InlineData("2026-03-11T08:00", "2026-03-11T08:00")]
    [InlineData("2026-03-11T20:59", "2026-03-11T20:59")]
    [InlineData("2026-03-07T22:30", "2026-03-08T08:00")] // the night the clocks spring forward
    public void ATextDueInQuietHours_WaitsForEightInTheMorningClinicTime(string dueLocal, string sentLocal)
    {
        var local = DateTime.Parse(dueLocal, System.Globalization.CultureInfo.InvariantCulture);
        var due = NewYork.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));

        var sent = NewYork.ToLocal(Default.NextSendTimeUtc(due, NewYork));

        Assert.Equal(DateTime.Parse(sentLocal, System.Globalization.CultureInfo.InvariantCulture), sent);
    }

    [Fact]
    public void QuietHoursWithinOneDay_AndNoQuietHours_AreHonouredToo()
    {
        var lunch = new TextingPolicy(true, new TimeOnly(12, 0), new TimeOnly(13, 0));
        var none = new TextingPolicy(true, new TimeOnly(0, 0), new TimeOnly(0, 0));
        var noon = NewYork.ToUtc(new DateOnly(2026, 3, 11), new TimeOnly(12, 30));

        Assert.Equal(new DateTime(2026, 3, 11, 13, 0, 0), NewYork.ToLocal(lunch.NextSendTimeUtc(noon, NewYork)));
        Assert.Equal(noon, none.NextSendTimeUtc(noon, NewYork));
        Assert.False(none.IsQuiet(new TimeOnly(3, 0)));
    }

    [Theory]
    [InlineData("(617) 555-0199", "+16175550199")]
    [InlineData("617.555.0199", "+16175550199")]
    [InlineData("1 617 555 0199", "+16175550199")]
    [InlineData("+1 617-555-0199", "+16175550199")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("0044 7700 900123", "+447700900123")]
    [InlineData("555-0199", null)]
    [InlineData("(017) 555-0199", null)]
    [InlineData("617 555 0199 ext 2", null)]
    [InlineData("", null)]
    public void MobileNumbers_AreStoredInInternationalForm_OrRefused(string typed, string? stored) =>
        Assert.Equal(stored, MobileNumbers.Normalize(typed));

    [Fact]
    public void MobileNumbers_AreShownAsPeopleWriteThem() =>
        Assert.Equal("(617) 555-0199", MobileNumbers.Display("+16175550199"));

    [Theory]
    [InlineData("STOP", TextReplyKind.Stop)]
    [InlineData(" stop. ", TextReplyKind.Stop)]
    [InlineData("Unsubscribe", TextReplyKind.Stop)]
    [InlineData("PARAR", TextReplyKind.Stop)]
    [InlineData("start", TextReplyKind.Start)]
    [InlineData("HELP", TextReplyKind.Help)]
    [InlineData("ayuda", TextReplyKind.Help)]
    [InlineData("stop sending me these", TextReplyKind.Other)]
    [InlineData("Yes I will come", TextReplyKind.Other)]
    [InlineData(null, TextReplyKind.Other)]
    public void AReply_IsAKeywordOnlyWhenItIsTheWholeMessage(string? body, TextReplyKind kind) =>
        Assert.Equal(kind, TextReplies.Classify(body));

    [Fact]
    public void AnUndeliveredReceipt_PutsASentTextOnNeedsAttention_ADeliveredOneJustRecordsIt()
    {
        var now = new DateTime(2026, 3, 11, 13, 0, 0, DateTimeKind.Utc);
        var delivered = OutboxMessage.Create(MessageKinds.PatientBookedText, Guid.NewGuid(), 1, now);
        var undelivered = OutboxMessage.Create(MessageKinds.PatientBookedText, Guid.NewGuid(), 1, now);
        delivered.MarkSent("SM1", now);
        undelivered.MarkSent("SM2", now);

        delivered.RecordDelivery("delivered", null);
        undelivered.RecordDelivery("undelivered", "30003");

        Assert.Equal((OutboxStatus.Sent, "delivered"), (delivered.Status, delivered.DeliveryStatus));
        Assert.Equal(OutboxStatus.Failed, undelivered.Status);
        Assert.Contains("30003", undelivered.LastError, StringComparison.Ordinal);
    }
}
