using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Bookings;

/// <summary>
/// The scheduler's booking pages through the real app: real sign-in, real forms with antiforgery
/// tokens, the real database. The app runs on the system clock, so slots are placed two and three
/// weeks ahead (well past the lead time) and each test has a room of its own.
/// </summary>
public sealed class BookingPagesTests(WebApp app)
{
    private const int ParallelSchedulers = 20;

    [Fact]
    public async Task Scheduler_BooksAReadyReferral_AndLandsOnTheBookingWithItsTimeInClinicTime()
    {
        var data = await SeedAsync(referrals: 1, slots: 2);
        using var browser = await SignedInSchedulerAsync();
        var book = await browser.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book?roomId={data.Room.Id}");
        Assert.Equal(HttpStatusCode.OK, book.Status);
        PageRules.AssertEveryInputIsLabelled(book);
        Assert.Contains(data.Referrals[0].PatientLastName, book.Body, StringComparison.Ordinal);
        Assert.Equal(2, book.Document.QuerySelectorAll("input[name='SlotId']").Length);

        var page = await browser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = data.Slots[1].Id.ToString() });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("/scheduling/bookings/", page.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("Pending confirmation", page.Document.QuerySelector("#booking-status")?.TextContent);
        Assert.Equal(data.Local(data.Slots[1]), page.Document.QuerySelector("#booking-when")?.TextContent);
        Assert.Contains("Scheduled", Timeline(page));
        var booking = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.ReferralId == data.Referrals[0].Id));
        Assert.Equal(data.Slots[1].Id, booking.SlotId);
    }

    [Fact]
    public async Task ManySchedulersPostTheBookingFormForOneSlotAtOnce_ExactlyOneSucceedsAndTheRestGet409WithTheMessage()
    {
        var data = await SeedAsync(referrals: ParallelSchedulers, slots: 1);
        var browsers = new List<BrowserClient>();
        try
        {
            var forms = new List<(BrowserClient Browser, Page Page)>();
            for (var i = 0; i < ParallelSchedulers; i++)
            {
                var browser = await SignedInSchedulerAsync();
                browsers.Add(browser);
                forms.Add((browser, await browser.GetAsync($"/scheduling/referrals/{data.Referrals[i].Id}/book?roomId={data.Room.Id}")));
            }

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var posts = forms.Select(async f =>
            {
                await gate.Task;
                return await f.Browser.SubmitAsync(f.Page, f.Page.FormWithField("SlotId"),
                    new Dictionary<string, string> { ["SlotId"] = data.Slots[0].Id.ToString() }, followRedirects: false);
            }).ToList();
            gate.SetResult();
            var responses = await Task.WhenAll(posts);

            var winner = Assert.Single(responses, r => r.Status == HttpStatusCode.Redirect);
            Assert.StartsWith("/scheduling/bookings/", winner.Response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            var losers = responses.Where(r => r != winner).ToList();
            Assert.All(losers, r =>
            {
                Assert.Equal(HttpStatusCode.Conflict, r.Status);
                Assert.Contains(BookingRules.SlotTakenMessage, r.Document.QuerySelector("[role='alert']")?.TextContent ?? string.Empty, StringComparison.Ordinal);
            });
            var active = await app.WithDbAsync(db => db.Bookings.AsNoTracking().CountAsync(b => b.SlotId == data.Slots[0].Id));
            Assert.Equal(1, active);
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public async Task Scheduler_BookingATakenSlot_Gets409AndAFreshListWithoutIt()
    {
        var data = await SeedAsync(referrals: 2, slots: 2);
        using var first = await SignedInSchedulerAsync();
        using var second = await SignedInSchedulerAsync();
        var secondPage = await second.GetAsync($"/scheduling/referrals/{data.Referrals[1].Id}/book?roomId={data.Room.Id}");
        var firstPage = await first.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book?roomId={data.Room.Id}");
        await first.SubmitAsync(firstPage, firstPage.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = data.Slots[0].Id.ToString() });

        var page = await second.SubmitAsync(secondPage, secondPage.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = data.Slots[0].Id.ToString() });

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains(BookingRules.SlotTakenMessage, page.Body, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector($"input[name='SlotId'][value='{data.Slots[0].Id}']"));
        Assert.NotNull(page.Document.QuerySelector($"input[name='SlotId'][value='{data.Slots[1].Id}']"));
        Assert.Equal(ReferralStatus.ReadyToSchedule, (await ReferralAsync(data.Referrals[1].Id)).Status);
    }

    [Fact]
    public async Task Scheduler_BookingInsideTheLeadTimeWithoutAReason_Gets422WithTheMessageBesideTheReason()
    {
        var data = await SeedAsync(referrals: 1, slots: 0);
        // Ten minutes from now is today in clinic time, and today is always inside a lead time of one business day.
        var start = DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10), DateTimeKind.Utc);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMinute));
        var soon = await AddSlotAsync(data.Room, data.ClinicTime.LocalDate(start), TimeOnly.FromDateTime(data.ClinicTime.ToLocal(start)));
        using var browser = await SignedInSchedulerAsync();
        var book = await browser.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book?roomId={data.Room.Id}");
        Assert.NotNull(book.Document.QuerySelector("textarea[name='LeadTimeOverrideReason']"));

        var page = await browser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = soon.Id.ToString() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("inside the lead time", page.FieldMessage("LeadTimeOverrideReason"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.SlotId == soon.Id)));

        var retried = await browser.SubmitAsync(page, page.FormWithField("SlotId"), new Dictionary<string, string>
        {
            ["SlotId"] = soon.Id.ToString(),
            ["LeadTimeOverrideReason"] = "Same-day cancellation filled at the patient's request",
        });
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Contains("Same-day cancellation filled", retried.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduler_BookingAReferralThatIsNotReady_Gets422AndNothingChanges()
    {
        var data = await SeedAsync(referrals: 2, slots: 2);
        using var browser = await SignedInSchedulerAsync();
        var book = await browser.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book?roomId={data.Room.Id}");
        await browser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = data.Slots[0].Id.ToString() });

        var page = await browser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = data.Slots[1].Id.ToString() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("already has a booking", page.Body, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.SlotId == data.Slots[1].Id)));
    }

    [Fact]
    public async Task Scheduler_ReschedulesThenCancels_AndTheTimelineShowsEachStep()
    {
        var data = await SeedAsync(referrals: 1, slots: 2);
        using var browser = await SignedInSchedulerAsync();
        var book = await browser.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book?roomId={data.Room.Id}");
        var detail = await browser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = data.Slots[0].Id.ToString() });
        var bookingPath = detail.Url.AbsolutePath;

        var reschedule = await browser.GetAsync($"{bookingPath}/reschedule?roomId={data.Room.Id}");
        Assert.Equal(HttpStatusCode.OK, reschedule.Status);
        PageRules.AssertEveryInputIsLabelled(reschedule);
        Assert.Null(reschedule.Document.QuerySelector($"input[name='NewSlotId'][value='{data.Slots[0].Id}']"));
        var moved = await browser.SubmitAsync(reschedule, reschedule.FormWithField("NewSlotId"), new Dictionary<string, string> { ["NewSlotId"] = data.Slots[1].Id.ToString() });

        Assert.Equal(bookingPath, moved.Url.AbsolutePath);
        Assert.Equal(data.Local(data.Slots[1]), moved.Document.QuerySelector("#booking-when")?.TextContent);
        Assert.Contains("Rescheduled", Timeline(moved));

        var missingReason = await browser.SubmitAsync(moved, moved.FormWithField("Reason"), new Dictionary<string, string> { ["Reason"] = "  " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingReason.Status);
        Assert.Equal("Give the reason for cancelling.", missingReason.FieldMessage("Reason"));
        Assert.Equal("Pending confirmation", missingReason.Document.QuerySelector("#booking-status")?.TextContent);

        var cancelled = await browser.SubmitAsync(missingReason, missingReason.FormWithField("Reason"), new Dictionary<string, string> { ["Reason"] = "Patient chose treatment elsewhere" });

        Assert.Equal("Cancelled", cancelled.Document.QuerySelector("#booking-status")?.TextContent);
        Assert.Equal(["Scheduled", "Rescheduled", "BookingCancelled"], Timeline(cancelled).Where(k => k is "Scheduled" or "Rescheduled" or "BookingCancelled"));
        Assert.Contains("Patient chose treatment elsewhere", cancelled.Body, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.ReadyToSchedule, (await ReferralAsync(data.Referrals[0].Id)).Status);
        Assert.Null(cancelled.Document.QuerySelector("textarea[name='Reason']"));
    }

    [Fact]
    public async Task Scheduler_ReschedulingOntoAnOccupiedSlot_Gets409AndTheBookingStays()
    {
        var data = await SeedAsync(referrals: 2, slots: 2);
        using var browser = await SignedInSchedulerAsync();
        var mine = await BookAsync(browser, data, data.Referrals[0], data.Slots[0]);
        var reschedule = await browser.GetAsync($"{mine.Url.AbsolutePath}/reschedule?roomId={data.Room.Id}");
        await BookAsync(browser, data, data.Referrals[1], data.Slots[1]);

        var page = await browser.SubmitAsync(reschedule, reschedule.FormWithField("NewSlotId"), new Dictionary<string, string> { ["NewSlotId"] = data.Slots[1].Id.ToString() });

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains(BookingRules.SlotTakenMessage, page.Body, StringComparison.Ordinal);
        var booking = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.ReferralId == data.Referrals[0].Id));
        Assert.Equal(data.Slots[0].Id, booking.SlotId);
    }

    [Fact]
    public async Task Scheduler_BooksFromACalendarSlot_ByChoosingTheReferral()
    {
        var data = await SeedAsync(referrals: 1, slots: 1);
        using var browser = await SignedInSchedulerAsync();
        var page = await browser.GetAsync($"/scheduling/book?slotId={data.Slots[0].Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        PageRules.AssertEveryInputIsLabelled(page);

        var detail = await browser.SubmitAsync(page, page.FormWithField("ReferralId"), new Dictionary<string, string> { ["ReferralId"] = data.Referrals[0].Id.ToString() });

        Assert.Equal("Pending confirmation", detail.Document.QuerySelector("#booking-status")?.TextContent);
        Assert.Equal(ReferralStatus.Scheduled, (await ReferralAsync(data.Referrals[0].Id)).Status);
    }

    [Theory]
    [InlineData("Mark completed", "Completed", ReferralStatus.Completed)]
    [InlineData("Mark no-show", "No-show", ReferralStatus.ReadyToSchedule)]
    public async Task Scheduler_RecordsTheOutcomeOnceTheProcedureDayHasBegun(string button, string status, ReferralStatus referralStatus)
    {
        var data = await SeedAsync(referrals: 1, slots: 0);
        var bookingId = await BookedEarlierTodayAsync(data);
        using var browser = await SignedInSchedulerAsync();
        var detail = await browser.GetAsync($"/scheduling/bookings/{bookingId}");
        var form = (IHtmlFormElement)detail.Document.QuerySelectorAll("form button")
            .Single(b => b.TextContent.Trim() == button).Closest("form")!;

        var page = await browser.SubmitAsync(detail, form, new Dictionary<string, string>());

        Assert.Equal(status, page.Document.QuerySelector("#booking-status")?.TextContent);
        Assert.Equal(referralStatus, (await ReferralAsync(data.Referrals[0].Id)).Status);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("form button"), b => b.TextContent.Trim() is "Mark completed" or "Mark no-show");
    }

    [Fact]
    public async Task BookingDetail_BeforeTheProcedureDay_OffersNoOutcomeButtons()
    {
        var data = await SeedAsync(referrals: 1, slots: 1);
        using var browser = await SignedInSchedulerAsync();

        var detail = await BookAsync(browser, data, data.Referrals[0], data.Slots[0]);

        Assert.DoesNotContain("Mark completed", detail.Body, StringComparison.Ordinal);
        Assert.NotNull(detail.Document.QuerySelector("textarea[name='Reason']"));
    }

    [Fact]
    public async Task BookingsList_FiltersByStatus_AndLinksToEachBooking()
    {
        var data = await SeedAsync(referrals: 1, slots: 1);
        using var browser = await SignedInSchedulerAsync();
        var detail = await BookAsync(browser, data, data.Referrals[0], data.Slots[0]);
        var bookingId = detail.Url.AbsolutePath.Split('/')[^1];

        var pending = await browser.GetAsync("/scheduling/bookings?status=PendingConfirmation");
        var cancelled = await browser.GetAsync("/scheduling/bookings?status=Cancelled");

        Assert.Equal(HttpStatusCode.OK, pending.Status);
        PageRules.AssertEveryInputIsLabelled(pending);
        Assert.NotNull(pending.Document.QuerySelector($"tr[data-booking-id='{bookingId}'] a[href='/scheduling/bookings/{bookingId}']"));
        Assert.Null(cancelled.Document.QuerySelector($"tr[data-booking-id='{bookingId}']"));
        Assert.NotNull(pending.Document.QuerySelector("nav a[href='/scheduling/bookings']"));
    }

    [Fact]
    public async Task ReferringDoctor_CannotOpenTheBookingPages_ButAnAdminCan()
    {
        var data = await SeedAsync(referrals: 1, slots: 1);
        using var doctor = app.CreateClient();
        await doctor.LoginAsync(app.ReferringPhysician);
        using var admin = app.CreateClient();
        await admin.LoginAsync(app.Admin);

        var refused = await doctor.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book", followRedirects: false);
        var allowed = await admin.GetAsync($"/scheduling/referrals/{data.Referrals[0].Id}/book");

        Assert.NotEqual(HttpStatusCode.OK, refused.Status);
        Assert.DoesNotContain(data.Referrals[0].PatientLastName, refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
    }

    [Fact]
    public async Task BookingPage_ForAnUnknownReferral_Is404()
    {
        using var browser = await SignedInSchedulerAsync();

        var page = await browser.GetAsync($"/scheduling/referrals/{Guid.NewGuid()}/book");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    private async Task<Page> BookAsync(BrowserClient browser, Seeded data, Referral referral, Slot slot)
    {
        var book = await browser.GetAsync($"/scheduling/referrals/{referral.Id}/book?roomId={data.Room.Id}");
        var detail = await browser.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = slot.Id.ToString() });
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        return detail;
    }

    /// <summary>A booking whose procedure started three hours ago: written directly, since booking the past is refused.</summary>
    private async Task<Guid> BookedEarlierTodayAsync(Seeded data)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var start = now.AddHours(-3);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMinute));
        var slot = await AddSlotAsync(data.Room, data.ClinicTime.LocalDate(start), TimeOnly.FromDateTime(data.ClinicTime.ToLocal(start)));
        return await app.WithDbAsync(async db =>
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == data.Referrals[0].Id);
            var booking = Booking.Create(referral.Id, slot.Id, "scheduler", "test data", now.AddDays(-1));
            db.Bookings.Add(booking);
            referral.MarkScheduled("Scheduled for earlier today.", now.AddDays(-1), "scheduler");
            await db.SaveChangesAsync();
            return booking.Id;
        });
    }

    private static List<string> Timeline(Page page) =>
        page.Document.QuerySelectorAll("#timeline li").Select(li => li.GetAttribute("data-kind") ?? string.Empty).ToList();

    private async Task<BrowserClient> SignedInSchedulerAsync()
    {
        var browser = app.CreateClient();
        await browser.LoginAsync(app.Scheduler);
        return browser;
    }

    private Task<Referral> ReferralAsync(Guid id) => app.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));

    /// <summary>A doctor, referrals ready to schedule, a room of this test's own and slots on weekdays two and three weeks out.</summary>
    private async Task<Seeded> SeedAsync(int referrals, int slots)
    {
        var clinicTime = app.Factory.Services.GetRequiredService<ClinicTime>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var today = clinicTime.LocalDate(now);
        var scenario = await app.WithDbAsync(db => TestData.SeedAsync(db, now, referrals));
        var created = new List<Slot>();
        var day = NextWeekday(today.AddDays(14));
        for (var i = 0; i < slots; i++)
        {
            created.Add(await AddSlotAsync(scenario.Room, day, new TimeOnly(7, 30).AddHours(2 * i)));
        }

        return new Seeded(scenario.Room, scenario.Referrals, created, today, clinicTime);
    }

    private async Task<Slot> AddSlotAsync(Room room, DateOnly day, TimeOnly start)
    {
        var clinicTime = app.Factory.Services.GetRequiredService<ClinicTime>();
        var slot = TestData.Slot(room, clinicTime, day, start, TimeProvider.System.GetUtcNow().UtcDateTime);
        await app.WithDbAsync(async db =>
        {
            db.Slots.Add(slot);
            return await db.SaveChangesAsync();
        });
        return slot;
    }

    private static DateOnly NextWeekday(DateOnly date)
    {
        while (!SlotPolicy.IsBusinessDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private sealed record Seeded(Room Room, IReadOnlyList<Referral> Referrals, IReadOnlyList<Slot> Slots, DateOnly Today, ClinicTime ClinicTime)
    {
        public string Local(Slot slot) =>
            new Scheduling.Web.Models.ClinicDisplay(ClinicTime).Range(ClinicTime.ToLocal(slot.StartUtc), ClinicTime.ToLocal(slot.EndUtc));
    }
}
