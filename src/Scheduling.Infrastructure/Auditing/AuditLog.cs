using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Audit;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Auditing;

internal sealed class AuditLog(ApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock, AuditViewWriter viewWriter) : IAuditLog
{
    private const string ViewedAction = "Viewed";

    private List<(string EntityType, Guid EntityId)>? _shown;
    private string? _viewType;
    private string? _viewDetails;
    private string _viewAction = ViewedAction;
    private bool _viewIsList;

    public void RecordView(string entityType, Guid entityId, string? details = null)
    {
        var shown = PageView();
        shown.Add((entityType, entityId));
        _viewType ??= entityType;
        _viewDetails ??= details;
    }

    public void RecordListView(string listName, string entityType, IEnumerable<Guid> entityIds, string? details = null)
    {
        var shown = PageView();
        shown.AddRange(entityIds.Select(id => (entityType, id)));
        _viewType = listName;
        _viewDetails = details;
        _viewIsList = true;
    }

    public void RecordDownload(string entityType, Guid entityId)
    {
        RecordView(entityType, entityId);
        _viewAction = "Downloaded";
    }

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

    public async ValueTask RecordCallAsync(string action, string entityType, string? details, CancellationToken cancellationToken) =>
        await viewWriter.WriteAsync(
            AuditEntry.Record(
                clock.GetUtcNow().UtcDateTime,
                currentUser.UserId,
                currentUser.UserName,
                action,
                entityType,
                null,
                details,
                currentUser.ClientAddress),
            cancellationToken);

    public void BeginPageView()
    {
        _shown = [];
        _viewType = null;
        _viewDetails = null;
        _viewAction = ViewedAction;
        _viewIsList = false;
    }

    public async ValueTask CompletePageViewAsync(CancellationToken cancellationToken)
    {
        var shown = _shown ?? throw new InvalidOperationException("No page view was begun.");
        _shown = null;
        if (shown.Count == 0 && _viewType is null)
        {
            return;
        }

        var entry = AuditEntry.PageView(
            clock.GetUtcNow().UtcDateTime,
            currentUser.UserId,
            currentUser.UserName,
            _viewAction,
            _viewType!,
            shown,
            _viewIsList,
            _viewDetails,
            currentUser.ClientAddress);
        await viewWriter.WriteAsync(entry, cancellationToken);
    }

    private List<(string EntityType, Guid EntityId)> PageView() =>
        _shown ?? throw new InvalidOperationException(
            "A view of patient data is recorded only by a query marked IAuditedQuery, whose pipeline writes it.");
}
