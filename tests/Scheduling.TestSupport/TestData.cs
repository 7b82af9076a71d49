using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.TestSupport;

/// <summary>
/// The one family of test-data builders: a referring doctor, a patient's referral details, the
/// eligible answers (<c>TestData.Answers.cs</c>), rooms, slots at clinic-local times, referrals ready
/// to schedule through the real submit path, and bookings made as the booking use cases make them
/// (<c>TestData.Bookings.cs</c>). Every value has one default here; a test changes only what it is about.
/// </summary>
public static partial class TestData
{
    public const string Diagnosis = "Hepatocellular carcinoma, segment VII";

    public const string Icd10 = "C22.0";

    public const string DoctorName = "Dr. Dana Oncologist";

    public const string PracticeName = "Riverside Oncology";

    public const string PatientPhone = "555-0199";

    public static readonly DateOnly PatientDateOfBirth = new(1958, 4, 12);

    /// <summary>A referring doctor's account row (referrals have a foreign key to it).</summary>
    public static ApplicationUser Doctor(string? email = null)
    {
        var address = email ?? $"doctor-{Guid.NewGuid():N}@practice.test";
        return new ApplicationUser
        {
            UserName = address,
            NormalizedUserName = address.ToUpperInvariant(),
            Email = address,
            NormalizedEmail = address.ToUpperInvariant(),
            EmailConfirmed = true,
            FullName = DoctorName,
            PracticeName = PracticeName,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
    }

    /// <summary>The patient, practice and diagnosis part of the referral form, as the doctor types it.</summary>
    public static ReferralDetailsInput Details(string lastName = "Okafor", Urgency urgency = Urgency.Routine, string firstName = "Ada") => new()
    {
        PatientFirstName = firstName,
        PatientLastName = lastName,
        PatientDateOfBirth = PatientDateOfBirth,
        PatientSex = PatientSex.Female,
        PatientPhone = PatientPhone,
        PatientEmail = $"{firstName}.{lastName}@patient.test".ToLowerInvariant(),
        PreferredLanguage = PatientLanguages.English,
        MedicalRecordNumber = null,
        PracticeName = PracticeName,
        PracticeContact = "Front desk 555-0177",
        Diagnosis = Diagnosis,
        Icd10Code = Icd10,
        Urgency = urgency,
        ClinicalNotes = "Prior TACE 2024",
    };

    /// <summary>The same details as the domain takes them (what a validated form becomes).</summary>
    public static ReferralDetails ReferralDetails(string lastName = "Okafor", Urgency urgency = Urgency.Routine, string firstName = "Ada") =>
        Details(lastName, urgency, firstName).ToDetails();

    /// <summary>A referral submitted with eligible answers, so it lands in the scheduling queue as the real flow does.</summary>
    public static Referral ReadyReferral(string doctorUserId, DateTime nowUtc, string? lastName = null, Urgency urgency = Urgency.Routine)
    {
        var referral = Referral.CreateDraft(doctorUserId, ReferralDetails(lastName ?? $"Patient{Guid.NewGuid().ToString("N")[..8]}", urgency), nowUtc);
        var answers = EligibleAnswers(DateOnly.FromDateTime(nowUtc).AddDays(-3));
        var assessment = EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1);
        referral.Submit(answers, "{}", assessment, "[]", nowUtc, DoctorName);
        if (referral.Status != ReferralStatus.ReadyToSchedule)
        {
            throw new InvalidOperationException($"The eligible answers produced {referral.Status}; the builder is out of date with the criteria.");
        }

        return referral;
    }

    public static Room Room(DateTime nowUtc, string? name = null, string? location = "Main Hospital, 2nd floor") =>
        Domain.Rooms.Room.Create(name ?? $"IR Suite {Guid.NewGuid().ToString("N")[..8]}", location, nowUtc);

    /// <summary>A 90-minute slot starting at a clinic wall-clock time.</summary>
    public static Slot Slot(Room room, ClinicTime clinicTime, DateOnly localDate, TimeOnly localStart, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(room);
        return Slot(room.Id, clinicTime, localDate, localStart, nowUtc);
    }

    /// <summary>A 90-minute slot starting at a clinic wall-clock time.</summary>
    public static Slot Slot(Guid roomId, ClinicTime clinicTime, DateOnly localDate, TimeOnly localStart, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        var startUtc = clinicTime.ToUtc(localDate, localStart);
        return Domain.Slots.Slot.Create(new SlotCandidate(roomId, localDate, localStart, startUtc, startUtc + SlotPolicy.ProcedureLength), nowUtc);
    }

    /// <summary>A 90-minute slot starting at a UTC instant.</summary>
    public static Slot Slot(Guid roomId, ClinicTime clinicTime, DateTime startUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        var local = clinicTime.ToLocal(startUtc);
        return Domain.Slots.Slot.Create(new SlotCandidate(roomId, DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), startUtc, startUtc + SlotPolicy.ProcedureLength), nowUtc);
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

    /// <summary>The smallest content that is really a PDF, PNG or JPEG by its leading bytes.</summary>
    public static byte[] PdfBytes(int size = 2048) => WithHead("%PDF-1.7\n"u8.ToArray(), size);

    public static byte[] PngBytes(int size = 2048) => WithHead([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size);

    /// <summary>A Windows executable: what a renamed ".pdf" that is really an .exe contains.</summary>
    public static byte[] ExeBytes(int size = 2048) => WithHead("MZ"u8.ToArray(), size);

    private static byte[] WithHead(byte[] head, int size)
    {
        var bytes = new byte[Math.Max(size, head.Length)];
        head.CopyTo(bytes, 0);
        for (var i = head.Length; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }

        return bytes;
    }
}
