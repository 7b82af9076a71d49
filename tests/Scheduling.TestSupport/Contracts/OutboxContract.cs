using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The outbox's delivery guarantees against a real database and a real SMTP server on loopback:
/// nothing before commit, exactly one sender per message, retries with backoff, recovery after a
/// crash through the sweeper, deterministic Message-IDs.
/// </summary>
public abstract class OutboxContract(DatabaseFixture fixture) : AppContract(fixture)
{
    public const string TestKind = "ContractTestMessage";

    protected override bool UsesSmtp => true;

    protected TestComposer Composer { get; } = new();

    protected override Task<TestApp> StartAppAsync()
    {
        var settings = new Dictionary<string, string?>(Smtp.Settings)
        {
            ["Email:RetryDelaysSeconds:0"] = "60",
            ["Email:RetryDelaysSeconds:1"] = "300",
            ["Email:ClaimTimeoutSeconds"] = "120",
        };
        return TestApp.StartAsync(
            Fixture.Database,
            TestContext.Current.CancellationToken,
            settings,
            services => services.AddSingleton<IOutboxMessageComposer>(Composer));
    }

    [Fact]
    public async Task Enqueue_RequestsAJobOnlyAfterCommit()
    {
        var subject = Guid.NewGuid();
        Guid id = default;

        await App.WithServiceAsync<IServiceProvider, bool>(async sp =>
        {
            var db = sp.GetRequiredService<IApplicationDbContext>();
            var postCommit = sp.GetRequiredService<IPostCommitActions>();

            // Inside the execution strategy, as the transaction behaviour does: the retrying
            // strategies of the server providers refuse a user transaction outside one.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                id = sp.GetRequiredService<IOutbox>().Enqueue(TestKind, subject, 1);
                await db.SaveChangesAsync();
                Assert.DoesNotContain(id, App.Jobs.OutboxDispatches);
                await transaction.CommitAsync();
            });
            await postCommit.RunAsync(CancellationToken.None);
            return true;
        });

        Assert.Contains(id, App.Jobs.OutboxDispatches);
    }

    [Fact]
    public async Task Enqueue_OfTheSameKindSubjectAndVersionTwice_IsRefusedByTheDatabase()
    {
        var subject = Guid.NewGuid();
        await EnqueueAsync(subject, 1);

        await Assert.ThrowsAsync<DbUpdateException>(() => EnqueueAsync(subject, 1));
        await EnqueueAsync(subject, 2);
    }

    [Fact]
    public async Task Dispatch_SendsOneEmailOverSmtp_AndMarksItSentWithItsDeterministicMessageId()
    {
        var id = await EnqueueAsync(Guid.NewGuid(), 1);

        var outcome = await DispatchAsync(id);

        Assert.Equal(DispatchOutcome.Sent, outcome);
        var mail = Assert.Single(await Smtp.WaitForAsync(1), m => m.MessageId == $"{id:N}@tace-scheduling.local");
        Assert.Equal("Contract test", mail.Subject);
        var row = await RowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal($"{id:N}@tace-scheduling.local", row.SentMessageId);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task Dispatch_OfAnAlreadySentMessage_SendsNothingMore()
    {
        var id = await EnqueueAsync(Guid.NewGuid(), 1);
        await DispatchAsync(id);

        var again = await DispatchAsync(id);

        Assert.Equal(DispatchOutcome.NotClaimed, again);
        await Task.Delay(200);
        Assert.Single(Smtp.Received, m => m.MessageId == $"{id:N}@tace-scheduling.local");
    }

    [Fact]
    public async Task Dispatch_RunByManyWorkersAtOnce_SendsExactlyOnce()
    {
        var id = await EnqueueAsync(Guid.NewGuid(), 1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => DispatchAsync(id))));

        Assert.Single(outcomes, o => o == DispatchOutcome.Sent);
        Assert.All(outcomes.Where(o => o != DispatchOutcome.Sent), o => Assert.Equal(DispatchOutcome.NotClaimed, o));
        await Task.Delay(200);
        Assert.Single(Smtp.Received, m => m.MessageId == $"{id:N}@tace-scheduling.local");
    }

    [Fact]
    public async Task Dispatch_WhenSendingFails_RetriesWithBackoff_ThenFailsForGoodAndKeepsTheRow()
    {
        var id = await EnqueueAsync(Guid.NewGuid(), 1);
        Composer.FailWith = new IOException("relay down");

        Assert.Equal(DispatchOutcome.WillRetry, await DispatchAsync(id));
        var first = await RowAsync(id);
        Assert.Equal(OutboxStatus.Pending, first.Status);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddSeconds(60), first.NextAttemptAtUtc);
        Assert.Equal("IOException", first.LastError);

        Assert.Equal(DispatchOutcome.NotClaimed, await DispatchAsync(id));

        App.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(DispatchOutcome.WillRetry, await DispatchAsync(id));
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddSeconds(300), (await RowAsync(id)).NextAttemptAtUtc);

        App.Clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(DispatchOutcome.Failed, await DispatchAsync(id));
        var last = await RowAsync(id);
        Assert.Equal(OutboxStatus.Failed, last.Status);
        Assert.Equal(3, last.Attempts);
        Assert.Empty(Smtp.Received);
    }

    [Fact]
    public async Task Sweep_AfterAWorkerDiedMidSend_TakesOverTheExpiredClaimAndDelivers()
    {
        var id = await EnqueueAsync(Guid.NewGuid(), 1);
        App.Jobs.DrainOutboxDispatches();

        // A worker claimed the message and died before sending: the row stays "Sending" with a claim.
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, OutboxStatus.Sending)
            .SetProperty(m => m.Attempts, 1)
            .SetProperty(m => m.ClaimedUntilUtc, App.Clock.GetUtcNow().UtcDateTime.AddSeconds(120))));

        Assert.DoesNotContain(id, await SweepAsync());
        Assert.Equal(DispatchOutcome.NotClaimed, await DispatchAsync(id));

        App.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Contains(id, await SweepAsync());
        Assert.Equal(DispatchOutcome.Sent, await DispatchAsync(id));
        Assert.Single(await Smtp.WaitForAsync(1));
    }

    [Fact]
    public async Task Sweep_PicksUpMessagesWhoseJobWasLost_AndLeavesFutureOnesUntilDue()
    {
        var lost = await EnqueueAsync(Guid.NewGuid(), 1);
        var reminder = await EnqueueAsync(Guid.NewGuid(), 1, App.Clock.GetUtcNow().UtcDateTime.AddHours(24));
        App.Jobs.DrainOutboxDispatches();

        var swept = await SweepAsync();
        Assert.Contains(lost, swept);
        Assert.DoesNotContain(reminder, swept);

        App.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Contains(reminder, await SweepAsync());
    }

    [Fact]
    public async Task Dispatch_OfAMessageThatNoLongerApplies_IsSkippedWithoutSending()
    {
        var id = await EnqueueAsync(Guid.NewGuid(), 1);
        Composer.SkipReason = "Booking cancelled";

        Assert.Equal(DispatchOutcome.Skipped, await DispatchAsync(id));

        Assert.Equal(OutboxStatus.Skipped, (await RowAsync(id)).Status);
        await Task.Delay(100);
        Assert.Empty(Smtp.Received);
    }

    [Fact]
    public async Task Dispatch_WritesAnAuditLineWithoutTheRecipient()
    {
        var id = await EnqueueAsync(Guid.NewGuid(), 1);

        await DispatchAsync(id);

        var line = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "EmailSent" && a.EntityId == id.ToString()));
        Assert.DoesNotContain("@", line.Details ?? string.Empty, StringComparison.Ordinal);
    }

    protected async Task<Guid> EnqueueAsync(Guid subject, int version, DateTime? notBefore = null) =>
        await App.WithServiceAsync<IServiceProvider, Guid>(async sp =>
        {
            var id = sp.GetRequiredService<IOutbox>().Enqueue(TestKind, subject, version, notBefore);
            await sp.GetRequiredService<IApplicationDbContext>().SaveChangesAsync();
            await sp.GetRequiredService<IPostCommitActions>().RunAsync(CancellationToken.None);
            return id;
        });

    protected Task<DispatchOutcome> DispatchAsync(Guid id) =>
        App.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(id, CancellationToken.None));

    protected async Task<IReadOnlyList<Guid>> SweepAsync()
    {
        App.Jobs.DrainOutboxDispatches();
        await App.SendAsync(new SweepOutbox.Command());
        return App.Jobs.DrainOutboxDispatches();
    }

    protected Task<OutboxMessage> RowAsync(Guid id) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Composes a fixed message; can be told to fail (as SMTP would) or to skip.</summary>
    public sealed class TestComposer : IOutboxMessageComposer
    {
        public Exception? FailWith { get; set; }

        public string? SkipReason { get; set; }

        public IReadOnlyCollection<string> Kinds => [TestKind];

        public Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken)
        {
            if (FailWith is not null)
            {
                throw FailWith;
            }

            return Task.FromResult(SkipReason is null
                ? ComposeResult.Send(new EmailMessage("patient@example.test", "Pat", "Contract test", "Hello", "<p>Hello</p>", context.MessageId, []))
                : ComposeResult.Skip(SkipReason));
        }
    }
}
