using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Patients;

/// <summary>What the patient-record use cases share: finding the records a referral looks like, and tidying a record nobody uses any more.</summary>
public static class PatientRecords
{
    /// <summary>How many possible matches a page offers at most (a common name with a common birthday is rare, not endless).</summary>
    public const int MaxMatches = 20;

    /// <summary>Records with the referral's MRN, or its name and date of birth (<see cref="PatientKey"/>), other than its own.</summary>
    public static Task<List<Patient>> MatchesAsync(IApplicationDbContext db, Referral referral, CancellationToken cancellationToken)
    {
        var key = PatientKey.Of(referral);
        var own = referral.PatientId;
        return db.Patients.AsNoTracking()
            .Where(p => p.Id != own)
            .Where(p => (key.MedicalRecordNumber != null && p.NormalizedMedicalRecordNumber == key.MedicalRecordNumber)
                || (p.DateOfBirth == key.DateOfBirth && p.NormalizedLastName == key.LastName && p.NormalizedFirstName == key.FirstName))
            .OrderBy(p => p.CreatedAtUtc)
            .Take(MaxMatches)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A just-sent referral that looks like nobody on record gets a record of its own at once (nothing
    /// to confirm); one that looks like an earlier patient waits for staff to say whether it is them.
    /// </summary>
    public static async Task OpenIfNoMatchAsync(IApplicationDbContext db, Referral referral, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (referral.PatientId is not null || (await MatchesAsync(db, referral, cancellationToken)).Count > 0)
        {
            return;
        }

        var patient = Patient.OpenFrom(referral, nowUtc);
        db.Patients.Add(patient);
        referral.LinkToPatient(patient.Id, "A new patient record was opened (no earlier patient has this MRN, or this name and date of birth).", nowUtc, null);
    }

    /// <summary>A record left with no referral and no course after a link moved away from it was only ever this referral's: it goes.</summary>
    public static async Task RemoveIfUnusedAsync(IApplicationDbContext db, Guid patientId, Guid leavingReferralId, CancellationToken cancellationToken)
    {
        var used = await db.Referrals.AnyAsync(r => r.PatientId == patientId && r.Id != leavingReferralId, cancellationToken)
            || await db.TreatmentCourses.AnyAsync(c => c.PatientId == patientId, cancellationToken);
        if (!used && await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken) is { } patient)
        {
            db.Patients.Remove(patient);
        }
    }

    /// <summary>"Ada Okafor, born 12 Apr 1958, MRN 12345": how a record is named on a timeline.</summary>
    public static string Describe(Patient patient, Func<DateOnly, string> date) =>
        $"{patient.FullName}, born {date(patient.DateOfBirth)}" + (patient.MedicalRecordNumber is { } mrn ? $", MRN {mrn}" : string.Empty);
}
