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

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}
