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

using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Composition;
using Scheduling.WebTests.Infrastructure;
using Scheduling.WebTests.Referrals;

namespace Scheduling.WebTests.Production;

/// <summary>
/// The whole journey (doctor's referral, scheduler's booking, emails, patient's confirmation, a password
/// reset through its link) on an app of its own that logs everything down to Debug and exports traces,
/// metrics and logs over OTLP to a collector on loopback, with each protocol: the patient's name, date
/// of birth, email and phone, and the patient-link and account-link tokens, appear in no log line, no
/// log scope, no exported span or log record, and no background-job argument.
/// </summary>
public sealed partial class PatientDataStaysOutOfLogsTests
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task TheWholeJourney_LeavesNoPatientDataOrLinkTokenInLogsSpansOrJobArguments(string protocol)
    {
        var logs = new CapturedLogs();
        await using var collector = await OtlpReceiver.StartAsync(protocol);
        await using var database = SqliteTestDatabase.Create();
        await using var factory = await WebApp.StartAsync(database, builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.UseSetting("RateLimits:PatientLinkPerMinute", "1000");
            builder.UseSetting("RateLimits:AccountRequestsPerMinute", "1000");
            builder.UseSetting(OtlpExport.EndpointKey, collector.Endpoint.ToString());
            builder.UseSetting(OtlpExport.ProtocolKey, protocol);
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
        var today = factory.Services.GetRequiredService<ClinicTime>().Today(factory.Services.GetRequiredService<TimeProvider>());

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
        var doctorAccount = await WebApp.CreateUserAsync(factory, Roles.ReferringPhysician);
        await doctor.LoginAsync(doctorAccount);
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

        // The doctor forgets the password and opens the reset link.
        using var forgetful = Client(factory);
        var forgot = await forgetful.GetAsync("/account/forgot-password");
        await forgetful.SubmitAsync(forgot, forgot.FormWithField("Email"), new Dictionary<string, string> { ["Email"] = doctorAccount.Email });
        await PasswordResetWork.RunQueuedAsync(factory);
        string? accountLink = null;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
            var options = scope.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value;
            var folder = scope.ServiceProvider.GetRequiredService<MailPickupFolder>();
            foreach (var id in jobs.DrainOutboxDispatches())
            {
                await dispatcher.DispatchAsync(id, CancellationToken.None);
                var file = Path.Combine(folder.Path, MailPickupFolder.FileNameFor(OutboxDispatcher.MessageIdFor(id, options)));
                using var mail = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
                accountLink ??= AccountLinkPattern().Match(mail.TextBody ?? string.Empty) is { Success: true } match ? new Uri(match.Value).AbsolutePath : null;
            }
        }

        Assert.NotNull(accountLink);
        Assert.Equal(HttpStatusCode.OK, (await forgetful.GetAsync(accountLink)).Status);

        // Everything exported reaches the collector before it is read.
        Assert.True(factory.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000), "Traces were not flushed.");
        Assert.True(factory.Services.GetRequiredService<LoggerProvider>().ForceFlush(30_000), "Logs were not flushed.");
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000), "Metrics were not flushed.");

        // What must never leave the database.
        var dob = details.PatientDateOfBirth!.Value;
        var patientToken = link.Split('/')[2];
        var accountToken = accountLink.Split('/')[3];
        string[] secrets =
        [
            patientToken, accountToken,
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

        // The collector got the journey, paths as route templates, over the protocol asked for.
        Assert.NotEmpty(collector.Of("traces"));
        Assert.NotEmpty(collector.Of("logs"));
        Assert.True(collector.AnyExportContains("/p/{token}"), "No span or log record named the patient link's route.");
        Assert.True(collector.AnyExportContains("/account/link/{token}"), "No span or log record named the account link's route.");
        Assert.All(collector.Exports, e => Assert.Equal(protocol == "grpc" ? "application/grpc" : "application/x-protobuf", e.ContentType));
        foreach (var (path, _, body) in collector.Exports)
        {
            foreach (var secret in secrets)
            {
                Assert.False(OtlpReceiver.Contains(body, secret), $"'{secret}' appears in an OTLP export to {path}.");
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

    [GeneratedRegex(@"https?://[^\s""<]+/account/link/[A-Za-z0-9_\-]+")]
    private static partial Regex AccountLinkPattern();
}
