namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// The audit trail as use cases see it. State changes are recorded automatically when saved;
/// <see cref="Record"/> adds a line to the current unit of work for the next SaveChanges. Views of
/// patient data are recorded by queries marked <see cref="IAuditedQuery"/>: what the handler
/// reports with <see cref="RecordView"/> becomes one line for the page view, written by the pipeline
/// (<c>AuditedViewBehaviour</c>) before the page is returned.
/// </summary>
public interface IAuditLog
{
    /// <summary>The page being built shows this record. Only inside an <see cref="IAuditedQuery"/>.</summary>
    void RecordView(string entityType, Guid entityId, string? details = null);

    /// <summary>
    /// The page being built is a list (or a calendar) of these records: one line named
    /// <paramref name="listName"/> with every record, however many (none included). Only inside an
    /// <see cref="IAuditedQuery"/>.
    /// </summary>
    void RecordListView(string listName, string entityType, IEnumerable<Guid> entityIds, string? details = null);

    /// <summary>The response is this record's file (an attachment): its line says "Downloaded". Only inside an <see cref="IAuditedQuery"/>.</summary>
    void RecordDownload(string entityType, Guid entityId);

    void Record(string action, string entityType, Guid? entityId, string? details = null);

    /// <summary>
    /// Writes one line on its own, durably, outside any unit of work (through the same group commit
    /// as page views): an API call as the caller made it, whatever it read or changed.
    /// </summary>
    ValueTask RecordCallAsync(string action, string entityType, string? details, CancellationToken cancellationToken);

    /// <summary>Starts collecting the views of one page (called by the pipeline).</summary>
    void BeginPageView();

    /// <summary>
    /// Writes the page view's line, if it showed any record, and returns once it is durable
    /// (called by the pipeline). Throws when it cannot be written: a view that is not audited is
    /// not shown.
    /// </summary>
    ValueTask CompletePageViewAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Marks a query whose handler shows patient data: the pipeline opens a page view before the
/// handler and writes its audit line (one per view, with every record shown) after it.
/// </summary>
public interface IAuditedQuery;
