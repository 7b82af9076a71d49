using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Infrastructure.Identity;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("Referrals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();

        builder.Property(r => r.DoctorUserId).HasMaxLength(450).IsRequired();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.DoctorUserId).OnDelete(DeleteBehavior.Restrict);

        builder.Property(r => r.PatientFirstName).HasMaxLength(Referral.NameMaxLength).IsRequired();
        builder.Property(r => r.PatientLastName).HasMaxLength(Referral.NameMaxLength).IsRequired();
        builder.Property(r => r.PatientSex).HasConversion(OptionalEnum<PatientSex>()).HasMaxLength(16).IsRequired();
        builder.Property(r => r.PatientPhone).HasMaxLength(Referral.PhoneMaxLength).IsRequired();
        builder.Property(r => r.PatientEmail).HasMaxLength(Referral.EmailMaxLength).IsRequired();
        builder.Property(r => r.PreferredLanguage).HasMaxLength(Referral.LanguageMaxLength).IsRequired();
        builder.Property(r => r.InterpreterLanguage).HasMaxLength(PatientLanguages.InterpreterLanguageMaxLength);
        builder.Property(r => r.PatientMobile).HasMaxLength(MobileNumbers.MaxLength);
        builder.Ignore(r => r.TextLanguage);
        builder.Ignore(r => r.NeedsInterpreter);
        builder.Property(r => r.MedicalRecordNumber).HasMaxLength(Referral.MedicalRecordNumberMaxLength);
        builder.Property(r => r.PracticeName).HasMaxLength(Referral.PracticeMaxLength).IsRequired();
        builder.Property(r => r.PracticeContact).HasMaxLength(Referral.PracticeMaxLength).IsRequired();
        builder.Property(r => r.Diagnosis).HasMaxLength(Referral.DiagnosisMaxLength).IsRequired();
        builder.Property(r => r.Icd10Code).HasMaxLength(Referral.Icd10MaxLength).IsRequired();
        builder.Property(r => r.Urgency).HasConversion(OptionalEnum<Urgency>()).HasMaxLength(16).IsRequired();
        builder.Property(r => r.ClinicalNotes).HasMaxLength(Referral.NotesMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.CriteriaVersion).HasMaxLength(16);
        builder.Property(r => r.DecisionReason).HasMaxLength(Referral.ReasonMaxLength);
        builder.Property(r => r.DecidedBy).HasMaxLength(ReferralEvent.ActorMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.PatientInitials);

        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The patient record (set by staff, or at the first procedure) and the course it was planned from.
        builder.HasOne<Domain.Patients.Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Courses.TreatmentCourse>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.PatientId);
        builder.HasIndex(r => r.CourseId);

        // "My referrals", newest first; the scheduling and review queues by status, each in its stored
        // order (urgent first, then the longest waiting), so a page is read from the index, not sorted.
        builder.HasIndex(r => new { r.DoctorUserId, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.Status, r.QueueRank, r.QueueSinceUtc, r.Id });

        // A STOP reply names a number: its referrals get the line on their timeline.
        builder.HasIndex(r => r.PatientMobile);
    }

    /// <summary>
    /// A draft may not have chosen sex or urgency yet; it is stored as an empty name, so the column
    /// stays NOT NULL (SQLite could only relax it by rebuilding the referrals table with its children).
    /// </summary>
    /// <remarks>
    /// <c>convertsNulls</c> is flagged EF1001 (an advanced switch EF may change); it is the documented
    /// way to store null as a value, and MigrationTests and the referral contract tests cover the
    /// round trip on every provider.
    /// </remarks>
    private static ValueConverter<TEnum?, string> OptionalEnum<TEnum>()
        where TEnum : struct, Enum
    {
#pragma warning disable EF1001
        return new(
            value => value == null ? string.Empty : value.Value.ToString(),
            stored => string.IsNullOrEmpty(stored) ? null : Enum.Parse<TEnum>(stored),
            convertsNulls: true);
#pragma warning restore EF1001
    }
}

internal sealed class ReferralEventConfiguration : IEntityTypeConfiguration<ReferralEvent>
{
    public void Configure(EntityTypeBuilder<ReferralEvent> builder)
    {
        builder.ToTable("ReferralEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasMaxLength(ReferralEvent.KindMaxLength).IsRequired();
        builder.Property(e => e.Text).HasMaxLength(ReferralEvent.TextMaxLength).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(ReferralEvent.ActorMaxLength);
        builder.Property(e => e.ActorUserId).HasMaxLength(ReferralEvent.ActorUserIdMaxLength);
        builder.HasIndex(e => new { e.ReferralId, e.AtUtc });
    }
}
