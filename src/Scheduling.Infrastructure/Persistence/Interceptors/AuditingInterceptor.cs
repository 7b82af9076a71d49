using System.Collections.Concurrent;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Audit;
using Scheduling.Domain.Common;

namespace Scheduling.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Writes one audit line per created, changed or deleted entity in the same SaveChanges (and so the
/// same transaction) as the change itself, and refuses any attempt to alter the audit trail.
/// Only field names are recorded, never values, because values can be patient data. Inserts and
/// deletes of <see cref="AuditedInBulkAttribute"/> entities are left to their job's summary line.
/// </summary>
public sealed class AuditingInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<Type, bool> BulkAudited = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            AddAuditEntries(context);
        }

        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            AddAuditEntries(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void AddAuditEntries(DbContext context)
    {
        var tracker = context.ChangeTracker;
        tracker.DetectChanges();

        if (tracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || tracker.Entries<AuditEntryRecord>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: entries cannot be changed or deleted.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var lines = new List<AuditEntry>();
        foreach (var entry in tracker.Entries<Entity>())
        {
            var action = entry.State switch
            {
                EntityState.Added => "Created",
                EntityState.Modified => "Updated",
                EntityState.Deleted => "Deleted",
                _ => null,
            };
            if (action is null)
            {
                continue;
            }

            if (entry.State is (EntityState.Added or EntityState.Deleted) && IsAuditedInBulk(entry.Metadata.ClrType))
            {
                continue;
            }

            var details = entry.State == EntityState.Modified ? ChangedFields(entry) : null;
            if (entry.State == EntityState.Modified && details is null)
            {
                continue;
            }

            lines.Add(AuditEntry.Record(
                now,
                currentUser.UserId,
                currentUser.UserName,
                action,
                entry.Metadata.ClrType.Name,
                entry.Entity.Id.ToString(),
                details,
                currentUser.ClientAddress));
        }

        context.Set<AuditEntry>().AddRange(lines);
    }

    private static bool IsAuditedInBulk(Type type) =>
        BulkAudited.GetOrAdd(type, t => Attribute.IsDefined(t, typeof(AuditedInBulkAttribute), inherit: false));

    private static string? ChangedFields(EntityEntry entry)
    {
        var names = entry.Properties
            .Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            .Select(p => p.Metadata.Name)
            .ToList();
        return names.Count == 0 ? null : "Changed: " + string.Join(", ", names);
    }
}
