using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Domain.Patients;

/// <summary>
/// One person across all the referrals sent for them. A referral is tied to a patient record only by
/// a person's decision (staff confirm a match, or open a new record), or, when nobody decided before
/// the first procedure, by a new record opened for that referral: never by matching on its own.
/// The record keeps the identifiers it was opened with; later referrals may carry newer phone
/// numbers or addresses, which stay on them.
/// </summary>
public sealed class Patient : Entity
{
    private Patient()
    {
        FirstName = LastName = NormalizedFirstName = NormalizedLastName = string.Empty;
    }

    public string FirstName { get; private set; }

    public string LastName { get; private set; }

    public DateOnly DateOfBirth { get; private set; }

    public string? MedicalRecordNumber { get; private set; }

    /// <summary>Matching keys (<see cref="PatientKey"/>), stored so the database can find matches with an index.</summary>
    public string NormalizedFirstName { get; private set; }

    public string NormalizedLastName { get; private set; }

    public string? NormalizedMedicalRecordNumber { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>A new record with the identifiers of <paramref name="referral"/>.</summary>
    public static Patient OpenFrom(Referral referral, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var key = PatientKey.Of(referral);
        return new Patient
        {
            FirstName = referral.PatientFirstName,
            LastName = referral.PatientLastName,
            DateOfBirth = referral.PatientDateOfBirth,
            MedicalRecordNumber = referral.MedicalRecordNumber,
            NormalizedFirstName = key.FirstName,
            NormalizedLastName = key.LastName,
            NormalizedMedicalRecordNumber = key.MedicalRecordNumber,
            CreatedAtUtc = nowUtc,
        };
    }

    public PatientKey Key => new(NormalizedMedicalRecordNumber, NormalizedFirstName, NormalizedLastName, DateOfBirth);
}

/// <summary>
/// What makes two records look like one person, said once: the same medical record number, or the
/// same first name, last name and date of birth. Names and numbers are compared without case,
/// surrounding spaces or inner runs of spaces. A match is only ever offered to staff.
/// </summary>
public sealed record PatientKey(string? MedicalRecordNumber, string FirstName, string LastName, DateOnly DateOfBirth)
{
    public const int NameMaxLength = Referral.NameMaxLength;

    public const int MedicalRecordNumberMaxLength = Referral.MedicalRecordNumberMaxLength;

    public static PatientKey Of(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return new PatientKey(
            Normalize(referral.MedicalRecordNumber) is { Length: > 0 } mrn ? mrn : null,
            Normalize(referral.PatientFirstName),
            Normalize(referral.PatientLastName),
            referral.PatientDateOfBirth);
    }

    /// <summary>Why the two look like one person, in words ("same MRN", "same name and date of birth"), or null.</summary>
    public string? MatchReason(PatientKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sameMrn = MedicalRecordNumber is not null && MedicalRecordNumber == other.MedicalRecordNumber;
        var sameName = FirstName == other.FirstName && LastName == other.LastName && DateOfBirth == other.DateOfBirth;
        return (sameMrn, sameName) switch
        {
            (true, true) => "Same MRN, name and date of birth",
            (true, false) => "Same MRN",
            (false, true) => "Same name and date of birth",
            _ => null,
        };
    }

    public static string Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();
}
