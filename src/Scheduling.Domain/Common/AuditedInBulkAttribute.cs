namespace Scheduling.Domain.Common;

/// <summary>
/// Marks an entity whose rows are created and deleted in bulk by a job (slot materialization adds
/// hundreds at a time). The auditing interceptor skips per-row lines for its inserts and deletes;
/// the job writes one summary line per run instead. Updates (a slot withdrawn, restored or taken)
/// are still audited row by row, because each of those is a decision about one appointment.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedInBulkAttribute : Attribute;
