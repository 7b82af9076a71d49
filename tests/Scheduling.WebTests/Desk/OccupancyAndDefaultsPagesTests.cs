using System.Net;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Desk;

/// <summary>A slot that holds its patient for good, and booking defaults that book on the first click.</summary>
public sealed class OccupancyAndDefaultsPagesTests(WebApp app)
{
    private readonly DeskData _data = new(app);

    [Fact]
    public async Task MarkCompleted_IsNotOfferedBeforeTheStart_EvenOnTheProcedureDay()
    {
        var scenario = await _data.SeedAsync(referrals: 1);
        var slot = await _data.AddSlotAtAsync(scenario.Room, DeskData.Now.AddMinutes(30));
        var bookingId = await _data.BookDirectlyAsync(scenario.Referrals[0], slot);
        using var browser = await _data.SignedInAsync(app.Scheduler);

        var page = await browser.GetAsync($"/scheduling/bookings/{bookingId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("form button"), b => b.TextContent.Trim() is "Mark completed" or "Mark no-show");
    }

    [Fact]
    public async Task CompletedBooking_KeepsItsSlot_TheCalendarShowsItAndASecondBookingIsRefusedByThePageAndTheDatabase()
    {
        var scenario = await _data.SeedAsync(referrals: 2);
        var slot = await _data.AddSlotAtAsync(scenario.Room, DeskData.Now.AddHours(-1));
        var bookingId = await _data.BookDirectlyAsync(scenario.Referrals[0], slot, confirmed: true);
        using var browser = await _data.SignedInAsync(app.Scheduler);
        var detail = await browser.GetAsync($"/scheduling/bookings/{bookingId}");
        var complete = detail.Document.QuerySelectorAll<IHtmlFormElement>("form")
            .Single(f => f.GetAttribute("action")!.EndsWith("/complete", StringComparison.Ordinal));

        var completed = await browser.SubmitAsync(detail, complete, new Dictionary<string, string>());

        Assert.Equal("Completed", completed.Document.QuerySelector("#booking-status")?.TextContent);
        var calendar = await browser.GetAsync($"/scheduling/calendar?week={_data.ClinicTime.LocalDate(slot.StartUtc):yyyy-MM-dd}");
        var cell = calendar.Document.QuerySelector($"a[href='/scheduling/bookings/{bookingId}']");
        Assert.Equal("completed", cell?.GetAttribute("data-slot-state"));
        Assert.Null(calendar.Document.QuerySelector($"a[href='/scheduling/book?slotId={slot.Id}']"));

        var fromSlot = await browser.GetAsync($"/scheduling/book?slotId={slot.Id}");
        Assert.Contains("cannot take a booking now", fromSlot.Document.QuerySelector("[role='alert']")?.TextContent, StringComparison.Ordinal);
        var refused = await browser.SubmitAsync(fromSlot, fromSlot.FormWithField("ReferralId"), new Dictionary<string, string>
        {
            ["ReferralId"] = scenario.Referrals[1].Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);

        var errors = app.Factory.Services.GetRequiredService<IDatabaseErrors>();
        var exception = await app.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Create(scenario.Referrals[1].Id, slot.Id, "forced", null, DeskData.Now));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        });
        Assert.True(errors.IsUniqueViolation(exception));
        Assert.Single(await app.WithDbAsync(db => db.Bookings.AsNoTracking().Where(b => b.SlotId == slot.Id).ToListAsync()));
    }

    [Fact]
    public async Task BookingForm_PostedWithItsDefaults_Books_AndSlotsInsideTheLeadTimeAreListedSeparately()
    {
        var scenario = await _data.SeedAsync(referrals: 1);
        var soon = await _data.AddSlotAtAsync(scenario.Room, DeskData.Now.AddMinutes(20));
        var later = await _data.AddSlotAsync(scenario.Room, DeskData.NextWeekday(_data.Today.AddDays(14)), new TimeOnly(9, 30));
        using var browser = await _data.SignedInAsync(app.Scheduler);
        var book = await browser.GetAsync($"/scheduling/referrals/{scenario.Referrals[0].Id}/book?roomId={scenario.Room.Id}");

        Assert.NotNull(book.Document.QuerySelector($"#slots-needing-a-reason input[value='{soon.Id}']"));
        Assert.NotNull(book.Document.QuerySelector($"#bookable-slots input[value='{later.Id}'][checked]"));
        Assert.Contains("Needs a reason", book.Document.QuerySelector("#slots-needing-a-reason legend")?.TextContent, StringComparison.Ordinal);

        var booked = await browser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, booked.Status);
        Assert.StartsWith("/scheduling/bookings/", booked.Url.AbsolutePath, StringComparison.Ordinal);
        var booking = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.ReferralId == scenario.Referrals[0].Id));
        Assert.Equal(later.Id, booking.SlotId);
        Assert.NotNull(booked.Document.QuerySelector("a#book-next[href='/scheduling/queue/next']"));
    }

    [Fact]
    public async Task RescheduleForm_PreselectsTheFirstSlotThatNeedsNoReason_AndMovesOnTheFirstPost()
    {
        var scenario = await _data.SeedAsync(referrals: 1);
        var day = DeskData.NextWeekday(_data.Today.AddDays(14));
        var current = await _data.AddSlotAsync(scenario.Room, day, new TimeOnly(7, 30));
        await _data.AddSlotAtAsync(scenario.Room, DeskData.Now.AddMinutes(20));
        var target = await _data.AddSlotAsync(scenario.Room, day, new TimeOnly(11, 30));
        var bookingId = await _data.BookDirectlyAsync(scenario.Referrals[0], current);
        using var browser = await _data.SignedInAsync(app.Scheduler);
        var form = await browser.GetAsync($"/scheduling/bookings/{bookingId}/reschedule?roomId={scenario.Room.Id}");

        var moved = await browser.SubmitAsync(form, form.FormWithField("NewSlotId"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal(target.Id, (await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId))).SlotId);
    }

    [Fact]
    public async Task BookTheNextPatientInTheQueue_OpensTheBookingPageOfTheReferralAtTheTop()
    {
        using var browser = await _data.SignedInAsync(app.Scheduler);

        var next = await browser.GetAsync("/scheduling/queue/next", followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        var location = next.Response.Headers.Location?.OriginalString ?? string.Empty;
        Assert.True(location == "/scheduling/queue" || (location.StartsWith("/scheduling/referrals/", StringComparison.Ordinal) && location.EndsWith("/book", StringComparison.Ordinal)), location);
        var page = await browser.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }
}
