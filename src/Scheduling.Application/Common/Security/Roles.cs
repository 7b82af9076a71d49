namespace Scheduling.Application.Common.Security;

public static class Roles
{
    public const string ReferringPhysician = nameof(ReferringPhysician);
    public const string Scheduler = nameof(Scheduler);
    public const string Radiologist = nameof(Radiologist);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [ReferringPhysician, Scheduler, Radiologist, Admin];
}
