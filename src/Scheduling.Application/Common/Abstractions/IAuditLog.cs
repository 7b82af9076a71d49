namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// Records reads of patient data (state changes are recorded automatically when saved). The entry is
/// added to the current unit of work and written with the next SaveChanges.
/// </summary>
public interface IAuditLog
{
    void RecordView(string entityType, Guid entityId, string? details = null);

    void Record(string action, string entityType, Guid? entityId, string? details = null);
}
