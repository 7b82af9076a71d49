using System.Net;
using System.Text.RegularExpressions;

using Hangfire;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using MimeKit;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;
using Scheduling.WebTests.Referrals;

namespace Scheduling.WebTests.Production;

/// <summary>
/// The whole journey (doctor's referral, scheduler's booking, emails, patient's confirmation) on an app
/// of its own that logs everything down to Debug: the patient's name, date of birth, email and phone
/// appear in no log line and no background-job argument.
/// </summary>
public sealed partial class PatientDataStaysOutOfLogsTests
{
    [Fact]
    public async Task TheWholeJourney_LeavesNoPatientNameBirthDateEmailOrPhoneInLogsOrJobArguments()
    {
        var logs = new CapturedLogs();
        await using var database = SqliteTestDatabase.Create();
        await using var factory = await WebApp.StartAsync(database, builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.UseSetting("RateLimits:PatientLinkPerMinute", "1000");
            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        });

        var marker = Guid.NewGuid().ToString("N")[..6];
        var details = TestData.Details(lastName: $"Quillfeather{marker}") with
        {
            PatientFirstName = $"Zephyrine{marker}",
            PatientEmail = $"zq.{marker}@patients.example.com",
            PatientPhone = "+1 617 555 0199",
            PatientDateOfBirth = new DateOnly(1951, 11, 23),
        };
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // A room with one free slot ten days ahead.
        Guid slotId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var clinicTime = scope.ServiceProvider.GetRequiredService<ClinicTime>();
            var now = DateTime.UtcNow;
            var room = TestData.Room(now);
            var slot = TestData.Slot(room, clinicTime, today.AddDays(10), new TimeOnly(9, 30), now);
            db.Rooms.Add(room);
            db.Slots.Add(slot);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            slotId = slot.Id;
        }

        // The doctor refers.
        using var doctor = Client(factory);
        await doctor.LoginAsync(await WebApp.CreateUserAsync(factory, Roles.ReferringPhysician));
        var form = await doctor.GetAsync("/referrals/new");
        var submitted = await ReferralForms.PressAsync(
            doctor, form, form.FormWithField("Details.PatientFirstName"), ReferralForms.Fields(details, TestData.EligibleQuestionnaire(today)), "Intent", "Submit");
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        var referralId = Guid.Parse(submitted.Url.AbsolutePath.Split('/')[^1]);

        // The scheduler books.
        using var scheduler = Client(factory);
        await scheduler.LoginAsync(await WebApp.CreateUserAsync(factory, Roles.Scheduler));
        var roomId = await WebApp.WithDbAsync(factory, db => db.Slots.Where(s => s.Id == slotId).Select(s => s.RoomId).SingleAsync());
        var book = await scheduler.GetAsync($"/scheduling/referrals/{referralId}/book?roomId={roomId}");
        var booked = await scheduler.SubmitAsync(book, book.FormWithField("SlotId"), new Dictionary<string, string> { ["SlotId"] = slotId.ToString() });
        Assert.StartsWith("/scheduling/bookings/", booked.Url.AbsolutePath, StringComparison.Ordinal);

        // The background jobs send the emails.
        var jobs = (RecordingBackgroundJobs)factory.Services.GetRequiredService<IBackgroundJobs>();
        var dispatched = jobs.DrainOutboxDispatches();
        string? link = null;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
            var options = scope.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value;
            var folder = scope.ServiceProvider.GetRequiredService<MailPickupFolder>();
            foreach (var id in dispatched)
            {
                await dispatcher.DispatchAsync(id, CancellationToken.None);
                var file = Path.Combine(folder.Path, MailPickupFolder.FileNameFor(OutboxDispatcher.MessageIdFor(id, options)));
                if (File.Exists(file))
                {
                    using var mail = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
                    link ??= LinkPattern().Match(mail.TextBody ?? string.Empty) is { Success: true } match ? new Uri(match.Value).AbsolutePath : null;
                }
            }
        }

        // The patient confirms.
        Assert.NotNull(link);
        using var patient = Client(factory);
        var page = await patient.GetAsync(link);
        var confirmed = await patient.SubmitAsync(page, page.FormWithField("Confirm.Ticked[0]"), new Dictionary<string, string>
        {
            ["Confirm.Ticked[0]"] = "true",
            ["Confirm.Ticked[1]"] = "true",
            ["Confirm.Ticked[2]"] = "true",
        });
        Assert.True(confirmed.Status is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, confirmed.ToString());
        Assert.Equal(BookingStatus.Confirmed, await WebApp.WithDbAsync(factory, db => db.Bookings.Where(b => b.ReferralId == referralId).Select(b => b.Status).SingleAsync()));

        // What must never leave the database.
        var dob = details.PatientDateOfBirth!.Value;
        string[] secrets =
        [
            details.PatientFirstName!, details.PatientLastName!, details.PatientEmail!, details.PatientPhone!, "617 555 0199", "6175550199",
            dob.ToString("yyyy-MM-dd"), dob.ToString("M/d/yyyy", System.Globalization.CultureInfo.InvariantCulture), "23 Nov 1951", "November 23, 1951", "1951-11-23",
        ];
        Assert.True(logs.Lines.Count > 50, $"Only {logs.Lines.Count} log lines were captured; the scan would prove nothing.");
        foreach (var line in logs.Lines)
        {
            foreach (var secret in secrets)
            {
                Assert.False(line.AllText.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' appears in a log line: {line.AllText}");
            }
        }

        var jobArguments = JobArguments(factory).Concat(dispatched.Select(id => id.ToString())).ToList();
        Assert.NotEmpty(jobArguments);
        foreach (var argument in jobArguments)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, argument, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>Every argument of every job Hangfire's storage holds (recurring, enqueued, scheduled), serialized.</summary>
    private static IEnumerable<string> JobArguments(SchedulingWebFactory factory)
    {
        var storage = factory.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        foreach (var recurring in Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection))
        {
            yield return recurring.Job is null ? string.Empty : Serialized(recurring.Job.Args);
        }

        var monitoring = storage.GetMonitoringApi();
        foreach (var queue in monitoring.Queues())
        {
            foreach (var job in monitoring.EnqueuedJobs(queue.Name, 0, 1000))
            {
                yield return job.Value.Job is null ? string.Empty : Serialized(job.Value.Job.Args);
            }
        }

        foreach (var job in monitoring.ScheduledJobs(0, 1000))
        {
            yield return job.Value.Job is null ? string.Empty : Serialized(job.Value.Job.Args);
        }
    }

    // As Hangfire stores them (a CancellationToken is supplied by the worker, not stored).
    private static string Serialized(IReadOnlyList<object?> args) => string.Join(
        " ",
        args.Select(a => a is CancellationToken ? "(cancellation token)" : Hangfire.Common.SerializationHelper.Serialize(a, Hangfire.Common.SerializationOption.User)));

    private static BrowserClient Client(SchedulingWebFactory factory) => new(factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    }));

    [GeneratedRegex(@"https?://[^\s""<]+/p/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
