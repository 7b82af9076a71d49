using System.Net;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Bookings;

/// <summary>
/// The bookings list a page at a time, through the real page: soonest first (two rooms at one time
/// by room name), the count in words, page 2 holds the rows after the first 100, a page past the end
/// shows the last page, the status filter is kept in the page links, and a cancelled booking whose
/// slot was booked again is listed under Cancelled and not among the active ones. On an app of its
/// own (<see cref="OwnWebApp"/>): the list is clinic-wide.
/// </summary>
public sealed class BookingListPagingTests(OwnWebApp app) : IClassFixture<OwnWebApp>
{
    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task TheBookingsList_IsPagedSoonestFirst_WithItsCount_AndKeepsTheStatusFilter()
    {
        var doctor = await WebApp.CreateUserAsync(app.Factory, Roles.ReferringPhysician);
        var clinicTime = app.Factory.Services.GetRequiredService<ClinicTime>();
        var first = clinicTime.Today(TimeProvider.System).AddDays(10);
        var (expected, cancelled, rebooked) = await WebApp.WithDbAsync<(List<Guid>, Guid, Guid)>(app.Factory, async db =>
        {
            // Room B is created first: at one time the list still reads IR Room A before IR Room B.
            var roomB = TestData.Room(Now, "IR Room B");
            var roomA = TestData.Room(Now, "IR Room A");
            db.Rooms.AddRange(roomB, roomA);
            var order = new List<Guid>();
            for (var i = 0; i < 52; i++)
            {
                var date = first.AddDays(6 - (i / 8)); // later days made first: the list sorts, not the insert order
                var time = new TimeOnly(7 + (i % 8), 0);
                foreach (var room in new[] { roomA, roomB })
                {
                    var slot = TestData.Slot(room, clinicTime, date, time, Now);
                    var referral = TestData.ReadyReferral(doctor.Id, Now);
                    referral.MarkScheduled("Scheduled for the test.", Now, "scheduler");
                    var booking = Booking.Create(referral.Id, slot.Id, "scheduler", null, Now);
                    db.AddRange(slot, referral, booking);
                    order.Add(booking.Id);
                }
            }

            // One slot's first booking was cancelled and the slot booked again.
            var twice = TestData.Slot(roomA, clinicTime, first.AddDays(-1), new TimeOnly(9, 0), Now);
            var gone = TestData.ReadyReferral(doctor.Id, Now);
            gone.MarkScheduled("Scheduled for the test.", Now, "scheduler");
            var old = Booking.Create(gone.Id, twice.Id, "scheduler", null, Now);
            old.Cancel(gone, "Patient moved", byPatient: false, "Cancelled.", "scheduler", Now);
            var again = TestData.ReadyReferral(doctor.Id, Now);
            again.MarkScheduled("Scheduled for the test.", Now, "scheduler");
            var now = Booking.Create(again.Id, twice.Id, "scheduler", null, Now);
            db.AddRange(twice, gone, old, again, now);
            await db.SaveChangesAsync();

            // Soonest first: the rebooked slot's day, then day by day, hour by hour, room A before room B.
            var sorted = order.Select((id, i) => (id, day: 6 - (i / 16), hour: (i / 2) % 8, room: i % 2))
                .OrderBy(x => x.day).ThenBy(x => x.hour).ThenBy(x => x.room).Select(x => x.id).ToList();
            return ([now.Id, .. sorted], old.Id, now.Id);
        });
        Assert.Equal(105, expected.Count);
        using var scheduler = WebApp.CreateClient(app.Factory);
        await scheduler.LoginAsync(await WebApp.CreateUserAsync(app.Factory, Roles.Scheduler));

        var page1 = await scheduler.GetAsync("/scheduling/bookings");
        var page2 = await scheduler.GetAsync("/scheduling/bookings?page=2");
        var past = await scheduler.GetAsync("/scheduling/bookings?page=9");
        var onlyCancelled = await scheduler.GetAsync("/scheduling/bookings?status=Cancelled");
        var pending = await scheduler.GetAsync("/scheduling/bookings?status=PendingConfirmation");

        Assert.Equal(expected.Take(100), Rows(page1));
        Assert.Equal("Showing 1–100 of 105 bookings", page1.Document.QuerySelector(".pager-summary")?.TextContent);
        Assert.Equal(expected.Skip(100), Rows(page2));
        Assert.Equal("Showing 101–105 of 105 bookings", page2.Document.QuerySelector(".pager-summary")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, past.Status);
        Assert.Equal(expected.Skip(100), Rows(past));
        Assert.Equal([cancelled], Rows(onlyCancelled));
        Assert.Equal("1 booking", onlyCancelled.Document.QuerySelector(".pager-summary")?.TextContent);
        Assert.DoesNotContain(cancelled, Rows(page1));
        Assert.Contains(rebooked, Rows(page1));
        var next = Assert.Single(pending.Document.QuerySelectorAll("nav[aria-label='Pages of bookings'] a"), a => a.TextContent == "Next page");
        Assert.Equal("/scheduling/bookings?status=PendingConfirmation&page=2", next.GetAttribute("href"));
    }

    private static List<Guid> Rows(Page page) =>
        page.Document.QuerySelectorAll("table tbody tr[data-booking-id]").Select(tr => Guid.Parse(tr.GetAttribute("data-booking-id")!)).ToList();
}
