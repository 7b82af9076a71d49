namespace Scheduling.Application.Common.Security;

public static class Roles
{
    public const string ReferringPhysician = nameof(ReferringPhysician);
    public const string Scheduler = nameof(Scheduler);
    public const string Radiologist = nameof(Radiologist);
    public const string Admin = nameof(Admin);

    /// <summary>
    /// Not a role a person is given: the claim of a hospital system (FHIR client) whose token carries
    /// the appointment scope, acting for its attributed referring doctor. It may hold, book and cancel
    /// for that doctor's referrals only (<c>BookingRules.MayBookFor</c>).
    /// </summary>
    public const string IntegrationBooking = nameof(IntegrationBooking);

    public static readonly IReadOnlyList<string> All = [ReferringPhysician, Scheduler, Radiologist, Admin];

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>What people call the role on screens and in emails.</summary>
    public static string DisplayName(string role) => role switch
    {
        ReferringPhysician => "Referring doctor",
        Scheduler => "Scheduler",
        Radiologist => "Radiologist (IR physician)",
        Admin => "Administrator",
        _ => role,
    };
}
