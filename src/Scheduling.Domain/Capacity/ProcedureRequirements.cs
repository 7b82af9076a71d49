using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Domain.Capacity;

/// <summary>
/// What one TACE needs, as the admin set it (one row): the room for the procedure (always, for
/// <see cref="SlotPolicy.ProcedureLength"/>), the performing IR physician for the procedure, a
/// sedation nurse for the procedure, and one recovery bay from the procedure's end for
/// <see cref="RecoveryMinutes"/> (4 hours by default, the slot rule's own default recovery).
/// </summary>
/// <remarks>
/// A requirement is enforced when it is switched on and the clinic has set up at least one resource
/// of its kind (<see cref="Enforces"/>): a clinic that does not model sedation nurses, or has not yet
/// entered its physicians, books as before, and the admin page says which requirements are not yet
/// checked. A referral marked "overnight bed likely" needs the same as any other: the patient recovers
/// in a bay of the day unit first, and the ward bed is the hospital's to give, so the booking pages
/// and the day list flag it for the scheduler to arrange; no ward bed is claimed here.
/// </remarks>
public sealed class ProcedureRequirements : Entity
{
    /// <summary>The one row's id: the template is a singleton.</summary>
    public static readonly Guid TheId = new("5ac3e0de-7ace-4000-8000-000000000001");

    public const int UpdatedByMaxLength = 256;

    private ProcedureRequirements()
    {
        UpdatedBy = string.Empty;
    }

    public bool RequiresPhysician { get; private set; }

    public bool RequiresSedationNurse { get; private set; }

    public bool RequiresRecoveryBay { get; private set; }

    public int RecoveryMinutes { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public string UpdatedBy { get; private set; }

    public TimeSpan Recovery => TimeSpan.FromMinutes(RecoveryMinutes);

    /// <summary>What applies before an admin has saved the template.</summary>
    public static ProcedureRequirements Defaults() => new()
    {
        Id = TheId,
        RequiresPhysician = true,
        RequiresSedationNurse = true,
        RequiresRecoveryBay = true,
        RecoveryMinutes = (int)SlotPolicy.DefaultRecoveryValue.TotalMinutes,
        UpdatedBy = "default",
    };

    public static string? RecoveryProblem(int minutes) =>
        minutes < ClaimUnits.MinutesPerUnit || minutes > SlotPolicy.MaxRecovery.TotalMinutes
            ? $"Recovery must be between {ClaimUnits.MinutesPerUnit} minutes and {SlotPolicy.MaxRecovery.TotalHours:0} hours."
            : null;

    public void Change(bool physician, bool sedationNurse, bool recoveryBay, int recoveryMinutes, string updatedBy, DateTime nowUtc)
    {
        if (RecoveryProblem(recoveryMinutes) is { } problem)
        {
            throw new DomainException(problem);
        }

        RequiresPhysician = physician;
        RequiresSedationNurse = sedationNurse;
        RequiresRecoveryBay = recoveryBay;
        RecoveryMinutes = recoveryMinutes;
        UpdatedBy = updatedBy;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Whether bookings must claim a resource of <paramref name="kind"/>, given whether the clinic has any.</summary>
    public bool Enforces(ResourceKind kind, bool clinicHasAny) => clinicHasAny && kind switch
    {
        ResourceKind.Room => true,
        ResourceKind.Physician => RequiresPhysician,
        ResourceKind.SedationNurse => RequiresSedationNurse,
        ResourceKind.RecoveryUnit => RequiresRecoveryBay,
        _ => false,
    };
}
