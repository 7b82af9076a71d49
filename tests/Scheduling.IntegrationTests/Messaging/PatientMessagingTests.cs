using Scheduling.Application.Features.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Messaging.Sms;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Messaging;

/// <summary>
/// The application on a SQLite database of its own, sending mail to a loopback SMTP server and texts to
/// the fake gateway (through Twilio's API), with a fake clock at Monday 2 March 2026, 10:00 in New York
/// (outside quiet hours). Tests run the dispatcher themselves, as the background job would.
/// </summary>
public abstract class PatientMessagingTests : IAsyncLifetime
{
    /// <summary>Tuesday 2026-03-17 13:30 UTC is 09:30 in New York (EDT).</summary>
    protected static readonly DateTime ProcedureUtc = new(2026, 3, 17, 13, 30, 0, DateTimeKind.Utc);

    /// <summary>Monday 2026-03-02 15:00 UTC is 10:00 in New York.</summary>
    protected static readonly DateTimeOffset Morning = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private SqliteTestDatabase? _database;

    protected TestSmtpServer Smtp { get; private set; } = null!;

    protected FakeSmsGateway Gateway { get; private set; } = null!;

    protected TestApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = SqliteTestDatabase.Create();
        Smtp = TestSmtpServer.Start();
        Gateway = await TestTexts.StartGatewayAsync();
        var settings = new Dictionary<string, string?>(Smtp.Settings)
        {
            ["Email:RetryDelaysSeconds:0"] = "60",
            ["Email:RetryDelaysSeconds:1"] = "300",
        };
        foreach (var (key, value) in TestTexts.Settings(Gateway))
        {
            settings[key] = value;
        }

        App = await TestApp.StartAsync(_database, TestContext.Current.CancellationToken, settings);
        App.Clock.SetUtcNow(Morning);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Gateway.DisposeAsync();
        await Smtp.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs every dispatch the app has asked for since the last call, as a worker would.</summary>
    protected async Task DispatchQueuedAsync()
    {
        foreach (var id in App.Jobs.DrainOutboxDispatches())
        {
            await DispatchAsync(id);
        }
    }

    protected async Task SweepAndDispatchAsync()
    {
        await SendAsync(new SweepOutbox.Command());
        await DispatchQueuedAsync();
    }

    protected Task<DispatchOutcome> DispatchAsync(Guid id) =>
        App.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(id, CancellationToken.None));

    protected Task<T> SendAsync<T>(Mediator.ICommand<T> command) => App.SendAsync(command, TestContext.Current.CancellationToken);

    protected Task<T> SendAsync<T>(Mediator.IQuery<T> query) => App.SendAsync(query, TestContext.Current.CancellationToken);
}
