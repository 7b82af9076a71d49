using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// Per-record authorization for treatment courses: the clinic's staff see every course; a referring
/// doctor sees only the courses of their own patients (the course's doctor, or the doctor of one of
/// its sessions), read-only; anyone else sees none. What is filtered out is "not found".
/// </summary>
public static class CourseAccess
{
    public static bool IsStaff(ICurrentUser user) => ReferralAccess.IsStaff(user);

    /// <summary>Scans are read, responses recorded and the course's status decided by IR physicians.</summary>
    public static bool IsPhysician(ICurrentUser user) => user.IsInRole(Roles.Radiologist);

    public static IQueryable<TreatmentCourse> VisibleTo(this IQueryable<TreatmentCourse> courses, ICurrentUser user)
    {
        if (IsStaff(user))
        {
            return courses;
        }

        var userId = user.UserId;
        return user.IsInRole(Roles.ReferringPhysician) && userId is not null
            ? courses.Where(c => c.DoctorUserId == userId || c.Sessions.Any(s => s.DoctorUserId == userId))
            : courses.Where(c => false);
    }
}
