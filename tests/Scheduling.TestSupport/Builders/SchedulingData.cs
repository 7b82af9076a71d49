using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.TestSupport.Builders;

/// <summary>
/// Small builders for the scheduling side: a referring doctor, referrals that are ready to
/// schedule (through the real submit path), rooms and materialized slots at clinic-local times.
/// </summary>
public static class SchedulingData
{
    /// <summary>Worked case 1, "typical intermediate HCC": every answer in the E column, so the referral is eligible.</summary>
    public static QuestionnaireAnswers EligibleAnswers(DateOnly labsAndImagingOn) =>
        Scheduling.TestSupport.EligibleAnswers.Create(labsAndImagingOn, labsAndImagingOn);

    /// <summary>A referring doctor's account row (referrals have a foreign key to it).</summary>
    public static ApplicationUser Doctor(string? email = null)
    {
        var address = email ?? $"doctor-{Guid.NewGuid():N}@clinic.test";
        return new ApplicationUser
        {
            UserName = address,
            NormalizedUserName = address.ToUpperInvariant(),
            Email = address,
            NormalizedEmail = address.ToUpperInvariant(),
            EmailConfirmed = true,
            FullName = "Dr. Test Referrer",
            PracticeName = "Test Oncology",
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
    }

    public static ReferralDetails Details(string lastName, Urgency urgency = Urgency.Routine) => new(
        PatientFirstName: "Pat",
        PatientLastName: lastName,
        PatientDateOfBirth: new DateOnly(1958, 4, 12),
        PatientSex: PatientSex.Female,
        PatientPhone: "555-0199",
        PatientEmail: $"{lastName.ToLowerInvariant()}@patient.test",
        PreferredLanguage: "English",
        MedicalRecordNumber: null,
        PracticeName: "Test Oncology",
        PracticeContact: "Front desk 555-0100",
        Diagnosis: "Hepatocellular carcinoma",
        Icd10Code: "C22.0",
        Urgency: urgency,
        ClinicalNotes: null);

    /// <summary>A referral submitted with eligible answers, so it lands in the scheduling queue as the real flow does.</summary>
    public static Referral ReadyReferral(string doctorUserId, DateTime nowUtc, string? lastName = null, Urgency urgency = Urgency.Routine)
    {
        var referral = Referral.CreateDraft(doctorUserId, Details(lastName ?? $"Patient{Guid.NewGuid().ToString("N")[..8]}", urgency), nowUtc);
        var answers = EligibleAnswers(DateOnly.FromDateTime(nowUtc).AddDays(-3));
        var assessment = EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1);
        referral.Submit(answers, "{}", assessment, "[]", nowUtc, "Dr. Test Referrer");
        if (referral.Status != ReferralStatus.ReadyToSchedule)
        {
            throw new InvalidOperationException($"The eligible answers produced {referral.Status}; the builder is out of date with the criteria.");
        }

        return referral;
    }

    public static Room Room(DateTime nowUtc, string? name = null) =>
        Domain.Rooms.Room.Create(name ?? $"IR Suite {Guid.NewGuid().ToString("N")[..8]}", "Building A, floor 2", nowUtc);

    /// <summary>A 90-minute slot starting at a clinic wall-clock time.</summary>
    public static Slot Slot(Room room, ClinicTime clinicTime, DateOnly localDate, TimeOnly localStart, DateTime nowUtc)
    {
        var startUtc = clinicTime.ToUtc(localDate, localStart);
        return Domain.Slots.Slot.Create(new SlotCandidate(room.Id, localDate, localStart, startUtc, startUtc + SlotPolicy.ProcedureLength), nowUtc);
    }

    /// <summary>Adds a doctor, one room and referrals, and saves them; slots are added by the caller.</summary>
    public static async Task<Scenario> SeedAsync(ApplicationDbContext db, DateTime nowUtc, int referrals)
    {
        ArgumentNullException.ThrowIfNull(db);
        var doctor = Doctor();
        db.Users.Add(doctor);
        var room = Room(nowUtc);
        db.Rooms.Add(room);
        var created = Enumerable.Range(0, referrals).Select(_ => ReadyReferral(doctor.Id, nowUtc)).ToList();
        db.Referrals.AddRange(created);
        await db.SaveChangesAsync();
        return new Scenario(doctor.Id, room, created);
    }

    public sealed record Scenario(string DoctorUserId, Room Room, IReadOnlyList<Referral> Referrals);
}
