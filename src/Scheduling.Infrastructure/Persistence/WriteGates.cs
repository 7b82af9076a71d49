using System.Diagnostics.Metrics;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>
/// SQLite's one write lock, taken in this process in arrival order. Without it writers wait inside
/// SQLite's busy handler, which sleeps up to 100 ms between attempts, so sixteen schedulers booking at
/// once would spend most of their time asleep, and a sign-in could wait seconds behind bookings.
/// Nobody calls it by hand: <see cref="Interceptors.SqliteWriteTurns"/> takes a turn for every
/// transaction, every save and every write statement of the app's database context, so no write
/// path can forget it. The one exception is the audit writer's own prepared statements, which take
/// their turn here explicitly. Every row a connection writes is checked against it (SQLite's update
/// hook, registered by <see cref="Interceptors.SqliteConnectionSettings"/>): a row written while no
/// turn is held is counted in <see cref="WritesOutsideTurn"/> and in the metric
/// <c>scheduling.sqlite.writes_outside_turn</c>, which a test holds at zero.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    /// <summary>As long as SQLite's own busy timeout: a turn that does not come by then is a fault, not a queue.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(Interceptors.SqliteConnectionSettings.BusyTimeoutMilliseconds);

    public const string MeterName = "Scheduling.Sqlite";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> OutsideTurn = Meter.CreateCounter<long>(
        "scheduling.sqlite.writes_outside_turn", unit: "{row}", description: "Rows written to SQLite while no write turn was held");

    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _writesOutsideTurn;
    private long _turnsTaken;

    /// <summary>Rows written while nobody held a turn: zero unless a write path bypasses the gate.</summary>
    public long WritesOutsideTurn => Interlocked.Read(ref _writesOutsideTurn);

    /// <summary>How many turns were taken since start (for tests and diagnostics).</summary>
    public long TurnsTaken => Interlocked.Read(ref _turnsTaken);

    public bool IsHeld => _turn.CurrentCount == 0;

    public async ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _turn.WaitAsync(Patience, cancellationToken))
        {
            throw Overdue();
        }

        Interlocked.Increment(ref _turnsTaken);
        return new Turn(_turn);
    }

    /// <summary>The same turn for a caller that cannot await (EF's synchronous save and transaction paths).</summary>
    public IDisposable Enter()
    {
        if (!_turn.Wait(Patience))
        {
            throw Overdue();
        }

        Interlocked.Increment(ref _turnsTaken);
        return new Turn(_turn);
    }

    /// <summary>Called by SQLite's update hook for each row a connection inserts, updates or deletes.</summary>
    internal void RowWritten(SQLitePCL.utf8z table)
    {
        if (!IsHeld)
        {
            Interlocked.Increment(ref _writesOutsideTurn);
            OutsideTurn.Add(1);
            LastTableWrittenOutsideTurn = table.utf8_to_string();
        }
    }

    /// <summary>The table of the last row written outside a turn: where to look when the count is not zero.</summary>
    public string? LastTableWrittenOutsideTurn { get; private set; }

    public void Dispose() => _turn.Dispose();

    private static TimeoutException Overdue() =>
        new($"The database's write turn did not come within {Patience.TotalSeconds:0} seconds: a writer holds it too long.");

    private sealed class Turn(SemaphoreSlim turn) : IAsyncDisposable, IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
