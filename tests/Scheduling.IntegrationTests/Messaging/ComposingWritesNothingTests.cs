using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Messaging;

/// <summary>
/// Composing an email only reads and renders; the dispatcher mints the link the email carries and
/// saves it, in its own unit of work, before the email leaves. Each case has a database of its own.
/// </summary>
public sealed class ComposingWritesNothingTests
{
    private static readonly DateTime ProcedureUtc = new(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ComposingThePatientsBookingEmail_SavesNothing_AndNamesTheLinkItCarries()
    {
        var saves = new SaveCounter();
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(
            database,
            TestContext.Current.CancellationToken,
            configureServices: services => services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(saves)));
        var booked = await TestData.BookAsync(app.Services, ProcedureUtc);
        var message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.SubjectId == booked.BookingId && m.Kind == MessageKinds.PatientBooked));

        saves.Count = 0;
        var composed = await app.WithServiceAsync<IEnumerable<IOutboxMessageComposer>, ComposeResult>(composers =>
            composers.Single(c => c.Kinds.Contains(message.Kind)).ComposeAsync(message, new ComposeContext("compose-test", "a-fresh-token"), CancellationToken.None));

        Assert.Equal(0, saves.Count);
        Assert.Contains("/p/a-fresh-token", composed.Email!.TextBody, StringComparison.Ordinal);
        Assert.Equal(new PatientLinkIssued(booked.BookingId, 1, ProcedureUtc), composed.Link);
        Assert.Equal(0, await app.WithDbAsync(db => db.PatientLinkTokens.CountAsync(t => t.BookingId == booked.BookingId)));
    }

    [Fact]
    public async Task DispatchingThePatientsBookingEmail_SavesTheLinkItCarries_SoTheLinkInTheEmailOpensTheAppointment()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var booked = await TestData.BookAsync(app.Services, ProcedureUtc);
        var message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.SubjectId == booked.BookingId && m.Kind == MessageKinds.PatientBooked));

        var outcome = await app.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(message.Id, CancellationToken.None));

        Assert.Equal(DispatchOutcome.Sent, outcome);
        var stored = Assert.Single(await app.WithDbAsync(db => db.PatientLinkTokens.AsNoTracking().Where(t => t.BookingId == booked.BookingId).ToListAsync()));
        Assert.Equal((1, ProcedureUtc), (stored.BookingVersion, stored.ExpiresAtUtc));
        var folder = await app.WithServiceAsync<MailPickupFolder, string>(f => Task.FromResult(f.Path));
        using var mail = await MimeKit.MimeMessage.LoadAsync(
            Path.Combine(folder, MailPickupFolder.FileNameFor(OutboxDispatcher.MessageIdFor(message.Id, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value))),
            TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? string.Empty, "/p/([A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.Equal(stored.TokenHash, PatientLinkTokens.HashOf(token));
    }

    /// <summary>Counts SaveChanges calls on the application's DbContext.</summary>
    private sealed class SaveCounter : SaveChangesInterceptor
    {
        private int _count;

        public int Count
        {
            get => Volatile.Read(ref _count);
            set => Volatile.Write(ref _count, value);
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }
    }
}
