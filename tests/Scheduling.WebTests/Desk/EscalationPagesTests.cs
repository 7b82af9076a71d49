using System.Net;

using Microsoft.EntityFrameworkCore;

using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Desk;

/// <summary>A "not confirmed in time" that the patient then confirmed shows as resolved, not as still open.</summary>
public sealed class EscalationPagesTests(WebApp app)
{
    private readonly DeskData _data = new(app);

    [Fact]
    public async Task ConfirmedAfterTheReminder_IsListedAsResolvedOnNeedsAttention_AndTheBookingSaysSo()
    {
        var scenario = await _data.SeedAsync(referrals: 1);
        var slot = await _data.AddSlotAsync(scenario.Room, DeskData.NextWeekday(_data.Today.AddDays(17)), new TimeOnly(9, 30));
        var bookingId = await _data.BookDirectlyAsync(scenario.Referrals[0], slot);
        await app.WithDbAsync(async db =>
        {
            var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId, TestContext.Current.CancellationToken);
            booking.MarkEscalated(DeskData.Now.AddHours(-3));
            booking.Confirm(DeskData.Now.AddHours(-1));
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        using var browser = await _data.SignedInAsync(app.Scheduler);

        var attention = await browser.GetAsync("/scheduling/attention");
        var booking = await browser.GetAsync($"/scheduling/bookings/{bookingId}");

        Assert.Equal(HttpStatusCode.OK, attention.Status);
        Assert.NotNull(attention.Document.QuerySelector($"tr[data-resolved-booking='{bookingId}']"));
        Assert.DoesNotContain(attention.Document.QuerySelectorAll("table[aria-labelledby='not-confirmed'] a"), a => a.GetAttribute("href") == $"/scheduling/bookings/{bookingId}");
        Assert.Equal("Confirmed after reminder", booking.Document.QuerySelector("#confirmed-after-reminder")?.TextContent);
        Assert.DoesNotContain("Not confirmed in time", booking.Document.QuerySelector("h1 + p")?.TextContent ?? string.Empty, StringComparison.Ordinal);
    }
}
