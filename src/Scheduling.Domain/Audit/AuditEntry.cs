namespace Scheduling.Domain.Audit;

/// <summary>
/// One line of the append-only audit trail: who did what to which record, when and from where.
/// It never holds patient data itself (only ids and field names), so it can be read by auditors
/// without widening who sees health information. Rows are never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 64;
    public const int EntityTypeMaxLength = 64;
    public const int EntityIdMaxLength = 64;
    public const int UserMaxLength = 256;
    public const int DetailsMaxLength = 1000;
    public const int ClientAddressMaxLength = 64;

    private AuditEntry()
    {
        Action = string.Empty;
        EntityType = string.Empty;
    }

    public long Id { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public string? UserId { get; private set; }

    public string? UserName { get; private set; }

    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public string? EntityId { get; private set; }

    /// <summary>Non-identifying detail: changed field names, a status transition, a reason category.</summary>
    public string? Details { get; private set; }

    public string? ClientAddress { get; private set; }

    /// <summary>
    /// The set of records a page view showed, when it showed more than one (a calendar week, a
    /// list): the view is one line, and each record it showed stays findable by its id. Sets are
    /// content-addressed (<see cref="AuditRecordSet.Key"/>), so a week viewed a thousand times with
    /// the same bookings is a thousand lines that name one set, not a hundred thousand rows.
    /// </summary>
    public string? RecordSetKey { get; private set; }

    public AuditRecordSet? RecordSet { get; private set; }

    /// <summary>The records of <see cref="RecordSet"/> (empty for a line about one record).</summary>
    public IReadOnlyList<AuditEntryRecord> RecordsShown => RecordSet?.Records ?? [];

    /// <summary>Names an equal set already stored or being stored (same key) instead of this line's own copy.</summary>
    public void ShareRecordSet(AuditRecordSet same)
    {
        if (RecordSetKey != same.Key)
        {
            throw new InvalidOperationException("Only a set with the same records can stand in for this line's.");
        }

        RecordSet = same;
    }

    public static AuditEntry Record(
        DateTime occurredAtUtc,
        string? userId,
        string? userName,
        string action,
        string entityType,
        string? entityId,
        string? details,
        string? clientAddress) => new()
        {
            OccurredAtUtc = occurredAtUtc,
            UserId = userId,
            UserName = Truncate(userName, UserMaxLength),
            Action = Truncate(action, ActionMaxLength)!,
            EntityType = Truncate(entityType, EntityTypeMaxLength)!,
            EntityId = Truncate(entityId, EntityIdMaxLength),
            Details = Truncate(details, DetailsMaxLength),
            ClientAddress = Truncate(clientAddress, ClientAddressMaxLength),
        };

    /// <summary>
    /// One line for one page view. A page about one record (<paramref name="list"/> false) that
    /// showed a single record puts it on the line itself, as any other entry; a list, or a page
    /// that showed several records, is a line named after the page with every record in
    /// <see cref="RecordsShown"/>, so none is lost to the width of a column and a list is a list
    /// whether it shows none, one or many.
    /// </summary>
    /// <param name="action">What the user did with what was shown: "Viewed", or "Downloaded" for a file.</param>
    public static AuditEntry PageView(
        DateTime occurredAtUtc,
        string? userId,
        string? userName,
        string action,
        string entityType,
        IReadOnlyList<(string EntityType, Guid EntityId)> shown,
        bool list,
        string? details,
        string? clientAddress)
    {
        var single = !list && shown.Count == 1 ? shown[0] : ((string EntityType, Guid EntityId)?)null;
        var entry = Record(
            occurredAtUtc, userId, userName, action, single?.EntityType ?? entityType, single?.EntityId.ToString(), details, clientAddress);
        if (single is null)
        {
            entry.RecordSet = AuditRecordSet.Of(shown);
            entry.RecordSetKey = entry.RecordSet.Key;
        }

        return entry;
    }

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}

/// <summary>
/// The records one or more page views showed, stored once. Its key is the SHA-256 of its sorted
/// records, so the same records always make the same set and a set never changes once written.
/// Sets converted from lines written before sets existed have the key "entry-{line id}".
/// </summary>
public sealed class AuditRecordSet
{
    public const int KeyLength = 64;

    private readonly List<AuditEntryRecord> _records = [];

    private AuditRecordSet()
    {
        Key = string.Empty;
    }

    public string Key { get; private set; }

    public int Count { get; private set; }

    public IReadOnlyList<AuditEntryRecord> Records => _records;

    public static AuditRecordSet Of(IEnumerable<(string EntityType, Guid EntityId)> shown)
    {
        var records = shown.Distinct()
            .Select(s => new AuditEntryRecord(s.EntityType, s.EntityId.ToString()))
            .OrderBy(r => r.EntityType, StringComparer.Ordinal)
            .ThenBy(r => r.EntityId, StringComparer.Ordinal)
            .ToList();
        var canonical = string.Join('\n', records.Select(r => $"{r.EntityType}:{r.EntityId}"));
        var set = new AuditRecordSet
        {
            Key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))),
            Count = records.Count,
        };
        set._records.AddRange(records);
        return set;
    }
}

/// <summary>A record in an <see cref="AuditRecordSet"/>.</summary>
public sealed class AuditEntryRecord
{
    internal AuditEntryRecord(string entityType, string entityId)
    {
        EntityType = entityType;
        EntityId = entityId;
    }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }
}
