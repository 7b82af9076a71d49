using Microsoft.AspNetCore.Authorization;

using Scheduling.Application.Common.Security;

namespace Scheduling.Web.Security;

public static class Policies
{
    public const string Admin = "AdminOnly";
    public const string Scheduler = "SchedulerOnly";
    public const string Radiologist = "RadiologistOnly";
    public const string ReferringPhysician = "ReferringPhysicianOnly";

    /// <summary>The clinic's own people (schedulers, IR physicians, admins): treatment courses, patients and their worklists.</summary>
    public const string ClinicStaff = "ClinicStaff";

    /// <summary>Booking work: schedulers, and admins who stand in for them.</summary>
    public const string SchedulingStaff = "SchedulingStaff";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Scheduler, p => p.RequireRole(Roles.Scheduler));
        options.AddPolicy(Radiologist, p => p.RequireRole(Roles.Radiologist));
        options.AddPolicy(ReferringPhysician, p => p.RequireRole(Roles.ReferringPhysician));
        options.AddPolicy(SchedulingStaff, p => p.RequireRole(Roles.Scheduler, Roles.Admin));
        options.AddPolicy(ClinicStaff, p => p.RequireRole(Roles.Scheduler, Roles.Radiologist, Roles.Admin));

        // Everything needs a signed-in user unless it says [AllowAnonymous] (login, patient links, health).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
