using System.Data.Common;

using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Scheduling.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Takes this database context's turn at the <see cref="SqliteWriteGate"/> whenever it is about to
/// write, so no caller has to remember to: for the whole of a transaction (from BEGIN to COMMIT or
/// ROLLBACK, a command's and EF's own), for the whole of a SaveChanges (which may write without a
/// transaction), and for a write statement sent outside a transaction (ExecuteUpdate, ExecuteDelete,
/// raw SQL, a write that returns a value or rows). Nested uses count, and the turn is given back when the outermost one ends; if a failure
/// skips an end event, closing the connection gives it back. One instance per context (scoped); a
/// context is used by one flow at a time, so the count needs no lock.
/// </summary>
public sealed class SqliteWriteTurns(SqliteWriteGate gate)
    : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor, IDisposable
{
    private static readonly string[] WriteVerbs = ["INSERT", "UPDATE", "DELETE", "REPLACE"];

    private readonly HashSet<DbCommand> _statements = [];
    private int _uses;
    private IDisposable? _turn;

    // --- SaveChanges -------------------------------------------------------------------------------
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Take();
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await TakeAsync(cancellationToken);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Leave();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave();
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Leave();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave();
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Leave();

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave();
        return Task.CompletedTask;
    }

    // --- Transactions ------------------------------------------------------------------------------
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Take();
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await TakeAsync(cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave();
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave();
        return Task.CompletedTask;
    }

    // --- Write statements outside a transaction ----------------------------------------------------
    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        TakeForStatement(command, writes: true);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await TakeForStatementAsync(command, writes: true, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return ValueTask.FromResult(result);
    }

    // A write can come back with a value (EF's migration lock: INSERT OR IGNORE ...; SELECT changes()).
    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        TakeForStatement(command, IsWrite(command));
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await TakeForStatementAsync(command, IsWrite(command), cancellationToken);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        LeaveStatement(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return ValueTask.FromResult(result);
    }

    // ... or with rows (INSERT ... RETURNING), written as the reader steps: the turn lasts until it is disposed.
    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        TakeForStatement(command, IsWrite(command));
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await TakeForStatementAsync(command, IsWrite(command), cancellationToken);
        return result;
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return Task.CompletedTask;
    }

    // --- Backstops ---------------------------------------------------------------------------------
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => GiveBack();

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        GiveBack();
        return Task.CompletedTask;
    }

    public void Dispose() => GiveBack();

    private void Take()
    {
        if (_uses == 0)
        {
            _turn = gate.Enter();
        }

        _uses++;
    }

    private async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        if (_uses == 0)
        {
            _turn = (IDisposable)await gate.EnterAsync(cancellationToken);
        }

        _uses++;
    }

    private void TakeForStatement(DbCommand command, bool writes)
    {
        if (writes && command.Transaction is null)
        {
            Take();
            _statements.Add(command);
        }
    }

    private async ValueTask TakeForStatementAsync(DbCommand command, bool writes, CancellationToken cancellationToken)
    {
        if (writes && command.Transaction is null)
        {
            await TakeAsync(cancellationToken);
            _statements.Add(command);
        }
    }

    private void LeaveStatement(DbCommand command)
    {
        if (_statements.Remove(command))
        {
            Leave();
        }
    }

    /// <summary>A statement that changes rows, by its first word (a query never starts with one of these).</summary>
    private static bool IsWrite(DbCommand command)
    {
        var text = command.CommandText.AsSpan().TrimStart();
        foreach (var verb in WriteVerbs)
        {
            if (text.StartsWith(verb, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void Leave()
    {
        if (_uses > 0 && --_uses == 0)
        {
            GiveBack();
        }
    }

    private void GiveBack()
    {
        _uses = 0;
        _statements.Clear();
        _turn?.Dispose();
        _turn = null;
    }
}
