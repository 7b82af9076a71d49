using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

using Microsoft.Data.Sqlite;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Audit;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Auditing;

/// <summary>
/// Group commit for page-view audit lines. Each request hands its line over and waits until it is
/// durable; one background writer commits every line waiting at that moment in one transaction, so
/// sixteen pages loading at once cost one write, not sixteen queued behind each other (SQLite has
/// one writer). If a batch fails, its lines are retried one by one so that only the line that cannot
/// be written fails its request, with the database's exception.
/// </summary>
public sealed partial class AuditViewWriter(IServiceScopeFactory scopes, SqliteWriteGate writeGate, ILogger<AuditViewWriter> logger) : IAsyncDisposable
{
    /// <summary>Upper bound of lines per transaction: keeps one commit short under a burst.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _loop;

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit writer is shut down; the view cannot be audited.");
        }

        // The line is written even if the caller gives up waiting: it was already shown.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is { } loop)
        {
            await loop;
        }
    }

    private void EnsureStarted()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_startLock)
        {
            // The loop must not inherit the first request's context (its HttpContext, its user).
            using (ExecutionContext.SuppressFlow())
            {
                _loop ??= Task.Run(RunAsync);
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await SaveAsync(batch);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetResult();
                }
            }
            catch (Exception batchFailure)
            {
                LogBatchFailed(logger, batchFailure, batch.Count);
                foreach (var pending in batch)
                {
                    try
                    {
                        await SaveAsync([pending]);
                        pending.Done.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        pending.Done.TrySetException(ex);
                    }
                }
            }
        }
    }

    private async Task SaveAsync(IReadOnlyList<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            // One writer at a time: the batch waits for the command in progress to commit, in turn.
            // These prepared statements run on the connection itself, past the context's own turns.
            await using var turn = await writeGate.EnterAsync(CancellationToken.None);
            await SaveToSqliteAsync(db, batch);
            return;
        }

        // SQL Server and PostgreSQL batch the inserts themselves (one round trip per batch). A set
        // of records already stored (or already in this batch) is named by its key, not written
        // again; if another instance stores the same new set first, its primary key refuses ours,
        // the batch fails and each line is retried alone, finding the set stored.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var keys = batch.Select(p => p.Entry.RecordSetKey).OfType<string>().Distinct().ToList();
        var stored = keys.Count == 0
            ? []
            : await db.AuditRecordSets.Where(s => keys.Contains(s.Key)).Select(s => s.Key).ToHashSetAsync();
        var sets = new Dictionary<string, AuditRecordSet>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            if (pending.Entry.RecordSet is { } set)
            {
                if (sets.TryGetValue(set.Key, out var same))
                {
                    pending.Entry.ShareRecordSet(same);
                }
                else
                {
                    sets[set.Key] = set;
                    if (stored.Contains(set.Key))
                    {
                        db.Attach(set);
                    }
                }
            }

            db.AuditEntries.Add(pending.Entry);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// SQLite runs in process and EF sends it one statement per row (a calendar view shows a hundred
    /// bookings); two prepared statements rebound per row keep a batch to microseconds per line.
    /// </summary>
    private static async Task SaveToSqliteAsync(ApplicationDbContext db, IReadOnlyList<Pending> batch)
    {
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        try
        {
            // Pages run with synchronous=NORMAL; an audit line a request waits for is synced to
            // disk before the page is returned. One sync per batch, not per view.
            await using (var full = connection.CreateCommand())
            {
                full.CommandText = "PRAGMA synchronous=FULL;";
                await full.ExecuteNonQueryAsync();
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var entry = connection.CreateCommand();
            entry.Transaction = transaction;
            entry.CommandText = """
                INSERT INTO "AuditEntries" ("OccurredAtUtc", "UserId", "UserName", "Action", "EntityType", "EntityId", "Details", "ClientAddress", "RecordSetKey")
                VALUES ($at, $userId, $userName, $action, $entityType, $entityId, $details, $client, $recordSet);
                """;
            var at = entry.Parameters.Add("$at", SqliteType.Text);
            var userId = entry.Parameters.Add("$userId", SqliteType.Text);
            var userName = entry.Parameters.Add("$userName", SqliteType.Text);
            var action = entry.Parameters.Add("$action", SqliteType.Text);
            var entityType = entry.Parameters.Add("$entityType", SqliteType.Text);
            var entityId = entry.Parameters.Add("$entityId", SqliteType.Text);
            var details = entry.Parameters.Add("$details", SqliteType.Text);
            var client = entry.Parameters.Add("$client", SqliteType.Text);

            var recordSet = entry.Parameters.Add("$recordSet", SqliteType.Text);

            // A set of records is written once, by the first line that names it; every later view of
            // the same records names it by key.
            await using var set = connection.CreateCommand();
            set.Transaction = transaction;
            set.CommandText = """
                INSERT INTO "AuditRecordSets" ("Key", "Count") VALUES ($key, $count) ON CONFLICT DO NOTHING;
                """;
            var setKey = set.Parameters.Add("$key", SqliteType.Text);
            var setCount = set.Parameters.Add("$count", SqliteType.Integer);

            // Every id of one type in one statement: SQLite unpacks the JSON array itself, so a
            // calendar's hundred ids cost one call from .NET instead of a hundred.
            await using var members = connection.CreateCommand();
            members.Transaction = transaction;
            members.CommandText = """
                INSERT INTO "AuditRecordSetMembers" ("SetKey", "EntityType", "EntityId")
                SELECT $key, $type, "value" FROM json_each($ids);
                """;
            var membersKey = members.Parameters.Add("$key", SqliteType.Text);
            var membersType = members.Parameters.Add("$type", SqliteType.Text);
            var membersIds = members.Parameters.Add("$ids", SqliteType.Text);

            foreach (var line in batch.Select(p => p.Entry))
            {
                // The same text EF writes for a DateTime on SQLite, so the column sorts and compares as one.
                at.Value = line.OccurredAtUtc.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
                userId.Value = (object?)line.UserId ?? DBNull.Value;
                userName.Value = (object?)line.UserName ?? DBNull.Value;
                action.Value = line.Action;
                entityType.Value = line.EntityType;
                entityId.Value = (object?)line.EntityId ?? DBNull.Value;
                details.Value = (object?)line.Details ?? DBNull.Value;
                client.Value = (object?)line.ClientAddress ?? DBNull.Value;
                recordSet.Value = (object?)line.RecordSetKey ?? DBNull.Value;
                if (line.RecordSet is { } shown)
                {
                    setKey.Value = shown.Key;
                    setCount.Value = shown.Count;
                    if (await set.ExecuteNonQueryAsync() == 1)
                    {
                        foreach (var ofOneType in shown.Records.GroupBy(r => r.EntityType, StringComparer.Ordinal))
                        {
                            membersKey.Value = shown.Key;
                            membersType.Value = ofOneType.Key;
                            membersIds.Value = JsonSerializer.Serialize(ofOneType.Select(r => r.EntityId));
                            await members.ExecuteNonQueryAsync();
                        }
                    }
                }

                await entry.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
        finally
        {
            // The pooled connection goes back to pages, which run with NORMAL.
            await using (var normal = connection.CreateCommand())
            {
                normal.CommandText = "PRAGMA synchronous=NORMAL;";
                await normal.ExecuteNonQueryAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit batch of {Count} page views failed; retrying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Done);
}
