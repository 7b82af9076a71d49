namespace Scheduling.Domain.Capacity;

/// <summary>What a resource is, which decides how a TACE uses it (see <see cref="ProcedureRequirements"/>).</summary>
public enum ResourceKind
{
    /// <summary>An IR suite; its weekly hours are the room's day templates, its slots the materialized rows.</summary>
    Room,

    /// <summary>A recovery (day) unit with a number of bays; each patient holds one bay for the recovery time.</summary>
    RecoveryUnit,

    /// <summary>An IR physician who performs TACE, held for the procedure.</summary>
    Physician,

    /// <summary>A sedation nurse, held for the procedure when the clinic models them.</summary>
    SedationNurse,
}
