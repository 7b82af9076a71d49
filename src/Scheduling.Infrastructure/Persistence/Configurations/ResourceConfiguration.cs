using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Capacity;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.ToTable("Resources");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Name).HasMaxLength(Resource.NameMaxLength).IsRequired();
        builder.Property(r => r.NormalizedName).HasMaxLength(Resource.NameMaxLength).IsRequired();
        builder.Property(r => r.UserId).HasMaxLength(450);

        // "Dr Lee" once per kind; one physician (or nurse) per staff account.
        builder.HasIndex(r => new { r.Kind, r.NormalizedName }).IsUnique();
        builder.HasIndex(r => new { r.Kind, r.UserId }).IsUnique();
    }
}

internal sealed class WeeklyHoursConfiguration : IEntityTypeConfiguration<WeeklyHours>
{
    public void Configure(EntityTypeBuilder<WeeklyHours> builder)
    {
        builder.ToTable("WeeklyHours");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.HasOne<Resource>().WithMany().HasForeignKey(h => h.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.Weekday).HasConversion<string>().HasMaxLength(9);
        builder.HasIndex(h => new { h.ResourceId, h.Weekday }).IsUnique();
    }
}

internal sealed class UnavailabilityConfiguration : IEntityTypeConfiguration<Unavailability>
{
    public void Configure(EntityTypeBuilder<Unavailability> builder)
    {
        builder.ToTable("Unavailabilities");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.HasOne<Resource>().WithMany().HasForeignKey(u => u.ResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.Note).HasMaxLength(Unavailability.NoteMaxLength);
        builder.Property(u => u.CreatedBy).HasMaxLength(Unavailability.CreatedByMaxLength).IsRequired();
        builder.Ignore(u => u.Units);

        // "Which unavailability overlaps these units" (availability, the bookings hit) and one resource's list.
        builder.HasIndex(u => new { u.EndUnit, u.FirstUnit });
        builder.HasIndex(u => new { u.ResourceId, u.StartUtc });
        builder.HasIndex(u => u.SeriesId);
    }
}

internal sealed class ProcedureRequirementsConfiguration : IEntityTypeConfiguration<ProcedureRequirements>
{
    public void Configure(EntityTypeBuilder<ProcedureRequirements> builder)
    {
        builder.ToTable("ProcedureRequirements");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UpdatedBy).HasMaxLength(ProcedureRequirements.UpdatedByMaxLength).IsRequired();
        builder.Ignore(r => r.Recovery);
    }
}

internal sealed class CapacityHoldConfiguration : IEntityTypeConfiguration<CapacityHold>
{
    public void Configure(EntityTypeBuilder<CapacityHold> builder)
    {
        builder.ToTable("CapacityHolds");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.HasOne<Domain.Slots.Slot>().WithMany().HasForeignKey(h => h.SlotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Referrals.Referral>().WithMany().HasForeignKey(h => h.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Resource>().WithMany().HasForeignKey(h => h.PhysicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Resource>().WithMany().HasForeignKey(h => h.SedationNurseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Resource>().WithMany().HasForeignKey(h => h.RecoveryUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Bookings.Booking>().WithMany().HasForeignKey(h => h.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(h => h.HeldBy).HasMaxLength(CapacityHold.HeldByMaxLength).IsRequired();
        builder.HasIndex(h => h.ExpiresAtUtc);
    }
}
