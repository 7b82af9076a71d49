using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Patients;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("Patients");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.FirstName).HasMaxLength(PatientKey.NameMaxLength).IsRequired();
        builder.Property(p => p.LastName).HasMaxLength(PatientKey.NameMaxLength).IsRequired();
        builder.Property(p => p.NormalizedFirstName).HasMaxLength(PatientKey.NameMaxLength).IsRequired();
        builder.Property(p => p.NormalizedLastName).HasMaxLength(PatientKey.NameMaxLength).IsRequired();
        builder.Property(p => p.MedicalRecordNumber).HasMaxLength(PatientKey.MedicalRecordNumberMaxLength);
        builder.Property(p => p.NormalizedMedicalRecordNumber).HasMaxLength(PatientKey.MedicalRecordNumberMaxLength);
        builder.Ignore(p => p.FullName);
        builder.Ignore(p => p.Key);

        // The two ways a referral is matched to a record (PatientKey): by MRN, or by birth date and name.
        builder.HasIndex(p => p.NormalizedMedicalRecordNumber);
        builder.HasIndex(p => new { p.DateOfBirth, p.NormalizedLastName, p.NormalizedFirstName });
    }
}
