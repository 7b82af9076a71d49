using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using MimeKit;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// One clock style for staff and patients, chosen by Clinic:Culture: the same 7:30 booking reads
/// "7:30 AM" on the staff page, in the patient's email and in the audit log of an en-US clinic, and
/// "07:30" in all three for an en-GB clinic. The clinic's culture is process-wide (ClinicCulture sets it
/// at start), so these apps run alone and the default is put back afterwards.
/// </summary>
[Collection(nameof(ClinicClockStyleTests))]
public sealed partial class ClinicClockStyleTests
{
    [Theory]
    [InlineData("en-US", "7:30 AM", "5:30 AM", true)]
    [InlineData("en-GB", "07:30", "05:30", false)]
    public async Task TheSameBooking_ReadsInTheCulturesClockStyle_OnTheStaffPage_InThePatientsEmail_AndInTheAuditLog(
        string culture, string procedure, string arrival, bool twelveHour)
    {
        await using var database = SqliteTestDatabase.Create();
        try
        {
            await using var factory = await WebApp.StartAsync(database, builder => builder.UseSetting("Clinic:Culture", culture));
            var clinicTime = factory.Services.GetRequiredService<ClinicTime>();
            var day = clinicTime.Today(TimeProvider.System).AddDays(45);
            var booked = await TestData.BookAsync(factory.Services, clinicTime.ToUtc(day, new TimeOnly(7, 30)));
            var scheduler = await WebApp.CreateUserAsync(factory, Roles.Scheduler);
            var admin = await WebApp.CreateUserAsync(factory, Roles.Admin);

            // The staff page (its slot, its arrival, its timeline).
            using var staff = WebApp.CreateClient(factory);
            await staff.LoginAsync(scheduler);
            var booking = await staff.GetAsync($"/scheduling/bookings/{booked.BookingId}");
            Assert.Equal(HttpStatusCode.OK, booking.Status);
            var bookingText = booking.Document.QuerySelector("main")!.TextContent;
            Assert.Contains($"{ClinicFormats.Day(day)}, {procedure}", bookingText, StringComparison.Ordinal);
            AssertClockStyle(bookingText, twelveHour);

            // The patient's email: the procedure and the arrival, text and HTML.
            using var mail = await PatientEmails.SendBookedAsync(factory, booked);
            Assert.Contains(procedure, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(arrival, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(procedure, mail.HtmlBody, StringComparison.Ordinal);
            AssertClockStyle(mail.TextBody!, twelveHour);

            // The audit log: the scheduler's view of the booking, as every other page writes a time.
            using var audit = WebApp.CreateClient(factory);
            await audit.LoginAsync(admin);
            var log = await audit.GetAsync($"/admin/audit?EntityId={booked.BookingId}");
            Assert.Equal(HttpStatusCode.OK, log.Status);
            var times = log.Document.QuerySelectorAll("tbody time");
            Assert.NotEmpty(times);
            Assert.All(times, time =>
            {
                var utc = DateTime.Parse(time.GetAttribute("datetime")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                var local = clinicTime.ToLocal(utc);
                Assert.Equal($"{ClinicFormats.Day(DateOnly.FromDateTime(local))}, {local.ToString(twelveHour ? "h:mm tt" : "HH:mm", CultureInfo.GetCultureInfo(culture))}", time.TextContent);
            });
            AssertClockStyle(log.Document.QuerySelector("tbody")!.TextContent, twelveHour);
        }
        finally
        {
            // What every other test's app (en-US, the default) expects of the process.
            ClinicFormats.UseCulture(ClinicFormats.DefaultCulture);
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = ClinicFormats.Culture;
        }
    }

    /// <summary>Every clock time in <paramref name="text"/> is written one way: "7:30 AM" (12-hour) or "07:30" (24-hour), never the other.</summary>
    private static void AssertClockStyle(string text, bool twelveHour)
    {
        var times = ClockTime().Matches(text);
        Assert.NotEmpty(times);
        Assert.All(times, time => Assert.Matches(twelveHour ? "^(1[0-2]|[1-9]):[0-5][0-9] (AM|PM)$" : "^([01][0-9]|2[0-3]):[0-5][0-9]$", time.Value));
    }

    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b(?: ?(?:[AaPp][Mm]\b|[ap]\.\s?m\.))?")]
    private static partial Regex ClockTime();
}

[CollectionDefinition(nameof(ClinicClockStyleTests), DisableParallelization = true)]
public sealed class ClinicClockStyleCollection;
