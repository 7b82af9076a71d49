using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>A referral planned as a course's next session is sent only with labs and imaging newer than the course's last session.</summary>
public static class PlannedSessions
{
    /// <returns>The field errors (under <paramref name="prefix"/>), or null when the referral is not planned from a course or is refreshed.</returns>
    public static async Task<Error?> CheckRefreshedAsync(
        IApplicationDbContext db, Referral referral, DateOnly? labsDrawnOn, DateOnly? imagingDoneOn, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.CourseId is not { } courseId
            || await db.TreatmentCourses.AsNoTracking().Include(c => c.Sessions).SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken) is not { } course)
        {
            return null;
        }

        var problems = course.CheckRefreshed(prefix + "LabsDrawnOn", labsDrawnOn, prefix + "ImagingDoneOn", imagingDoneOn, ClinicFormats.Day);
        return problems.Count == 0
            ? null
            : Error.Validation(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
    }
}
