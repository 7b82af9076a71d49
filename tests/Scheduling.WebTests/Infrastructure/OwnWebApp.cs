using Scheduling.TestSupport.Databases;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>
/// An app and database of the test class's own (a class fixture), for tests that read something
/// clinic-wide which the shared <see cref="WebApp"/>'s other tests would change: the health of the
/// outbox (every booking in the shared app queues emails that its test never sends, and after 15
/// minutes of a long run those count as a backlog), queue counts, capacity.
/// </summary>
public sealed class OwnWebApp : IAsyncLifetime
{
    public SchedulingWebFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Factory = await WebApp.StartAsync(SqliteTestDatabase.Create());

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }
}
