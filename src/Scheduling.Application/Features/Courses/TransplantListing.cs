using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// Whether a referral's patient is on the liver transplant list (as staff recorded it on a course):
/// the patient's messages then carry the sentence about chemoembolization as a bridge to transplant.
/// </summary>
public static class TransplantListing
{
    public static async Task<bool> IsListedAsync(IApplicationDbContext db, Guid referralId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var patientId = await db.Referrals.AsNoTracking().Where(r => r.Id == referralId).Select(r => r.PatientId).SingleOrDefaultAsync(cancellationToken);
        return patientId is { } id
            && await db.TreatmentCourses.AnyAsync(c => c.PatientId == id && c.TransplantStatus == TransplantListingStatus.Listed, cancellationToken);
    }

    /// <summary>The same for a referral already loaded.</summary>
    public static async Task<bool> IsListedAsync(IApplicationDbContext db, Referral referral, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(referral);
        return referral.PatientId is { } id
            && await db.TreatmentCourses.AnyAsync(c => c.PatientId == id && c.TransplantStatus == TransplantListingStatus.Listed, cancellationToken);
    }
}
