using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Audit;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Auditing;

internal sealed class AuditLog(ApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : IAuditLog
{
    public void RecordView(string entityType, Guid entityId, string? details = null) =>
        Record("Viewed", entityType, entityId, details);

    public void Record(string action, string entityType, Guid? entityId, string? details = null) =>
        db.AuditEntries.Add(AuditEntry.Record(
            clock.GetUtcNow().UtcDateTime,
            currentUser.UserId,
            currentUser.UserName,
            action,
            entityType,
            entityId?.ToString(),
            details,
            currentUser.ClientAddress));
}
