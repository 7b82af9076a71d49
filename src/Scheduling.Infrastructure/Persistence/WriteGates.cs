using Scheduling.Application.Common.Abstractions;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>One writer at a time in this process, in arrival order (SQLite).</summary>
public sealed class SingleWriterGate : IWriteGate, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Server databases take concurrent writers; their own locks decide.</summary>
public sealed class OpenWriteGate : IWriteGate
{
    private static readonly IAsyncDisposable Nothing = new NoTurn();

    public ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Nothing);

    private sealed class NoTurn : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
