using Ical.Net;

using MimeKit;

using Scheduling.Application.Features.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Messaging;

/// <summary>The .ics attachment and the embedded default transport (pickup folder), as wired in the app.</summary>
public sealed class EmailArtifactsTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>, IAsyncLifetime
{
    private TestApp? _app;

    private TestApp App => _app!;

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(database.Database, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task CalendarFile_IsInClinicTime_WithItsTimeZone_AndParsesBack()
    {
        var booking = Guid.NewGuid();

        // 14:30 UTC on 2026-03-10 is 10:30 in New York (EDT, two days after the spring change).
        var bytes = await App.WithServiceAsync<ICalendarFiles, byte[]>(files => Task.FromResult(files.Build(new AppointmentInvite(
            booking, 3, new DateTime(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc), new DateTime(2026, 3, 10, 16, 0, 0, DateTimeKind.Utc),
            "America/New_York", "Hospital appointment", "IR Suite 1", "Arrive at 10:30 AM.", CalendarStatus.Tentative, "Tomorrow"))));

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("BEGIN:VTIMEZONE", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/New_York:20260310T103000", text, StringComparison.Ordinal);
        Assert.Contains("DTEND;TZID=America/New_York:20260310T120000", text, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:3", text, StringComparison.Ordinal);
        var parsed = Calendar.Load(text)!;
        var appointment = Assert.Single(parsed.Events);
        Assert.Equal($"{booking:N}@tace-scheduling.local", appointment.Uid);
        Assert.Equal("IR Suite 1", appointment.Location);
        Assert.Equal("TENTATIVE", appointment.Status);
        Assert.Equal(TimeSpan.FromDays(-1), Assert.Single(appointment.Alarms).Trigger!.Duration!.Value.ToTimeSpanUnspecified());
        Assert.DoesNotContain("chemo", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PickupFolder_WithoutSmtpConfigured_ReceivesTheMessageAsAnEmlFileNamedAfterItsMessageId()
    {
        var messageId = $"{Guid.NewGuid():N}@tace-scheduling.local";
        var message = new EmailMessage("pat@example.test", "Pat", "Your appointment", "Hello Pat", "<p>Hello Pat</p>", messageId,
            [new EmailAttachment("appointment.ics", "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray())]);

        await App.WithServiceAsync<IEmailSender, string>(sender => sender.SendAsync(message, CancellationToken.None));

        var folder = await App.WithServiceAsync<MailPickupFolder, string>(f => Task.FromResult(f.Path));
        var file = Path.Combine(folder, MailPickupFolder.FileNameFor(messageId));
        Assert.True(File.Exists(file));
        using var mime = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(messageId, mime.MessageId);
        Assert.Equal("Hello Pat", mime.TextBody?.Trim());
        Assert.Single(mime.Attachments);
    }
}
