using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.TestSupport;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Desk;

/// <summary>
/// Data for the scheduler-desk page tests on the shared app (system clock): each test gets a room and
/// referrals of its own, with patient names unique to the test so searches and lists find only them.
/// </summary>
public sealed class DeskData(WebApp app)
{
    public ClinicTime ClinicTime => app.Factory.Services.GetRequiredService<ClinicTime>();

    public static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    public DateOnly Today => ClinicTime.LocalDate(Now);

    public async Task<TestData.Scenario> SeedAsync(int referrals) =>
        await app.WithDbAsync(db => TestData.SeedAsync(db, Now, referrals));

    public async Task<Slot> AddSlotAsync(Room room, DateOnly day, TimeOnly start)
    {
        var slot = TestData.Slot(room, ClinicTime, day, start, Now);
        await app.WithDbAsync(async db =>
        {
            db.Slots.Add(slot);
            return await db.SaveChangesAsync();
        });
        return slot;
    }

    /// <summary>A slot starting at a UTC instant (rounded down to the minute), e.g. an hour ago or in ten minutes.</summary>
    public Task<Slot> AddSlotAtAsync(Room room, DateTime startUtc)
    {
        startUtc = startUtc.AddTicks(-(startUtc.Ticks % TimeSpan.TicksPerMinute));
        return AddSlotAsync(room, ClinicTime.LocalDate(startUtc), TimeOnly.FromDateTime(ClinicTime.ToLocal(startUtc)));
    }

    /// <summary>Books directly in the database (a slot in the past cannot be booked through the page).</summary>
    public async Task<Guid> BookDirectlyAsync(Referral referral, Slot slot, bool confirmed = false) =>
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Referrals.SingleAsync(r => r.Id == referral.Id);
            var booking = Booking.Create(tracked.Id, slot.Id, "scheduler", "test data", Now.AddDays(-1));
            if (confirmed)
            {
                booking.Confirm(Now.AddHours(-20));
            }

            db.Bookings.Add(booking);
            tracked.MarkScheduled("Scheduled for the test.", Now.AddDays(-1), "scheduler");
            await db.SaveChangesAsync();
            return booking.Id;
        });

    public static DateOnly NextWeekday(DateOnly date)
    {
        while (!SlotPolicy.IsBusinessDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public async Task<BrowserClient> SignedInAsync(TestUser user)
    {
        var browser = app.CreateClient();
        await browser.LoginAsync(user);
        return browser;
    }
}
