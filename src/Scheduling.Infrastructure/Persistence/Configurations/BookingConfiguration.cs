using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Slots;

namespace Scheduling.Infrastructure.Persistence.Configurations;

/// <summary>
/// Built with the provider in hand because the index filter is SQL text and each provider quotes
/// identifiers its own way; the meaning is the same in both migrations. Not an
/// IEntityTypeConfiguration: the assembly scan would warn on every start that it cannot make one
/// without the provider (ApplicationDbContext applies it).
/// </summary>
internal sealed class BookingConfiguration(bool sqlServer)
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("Bookings");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasOne<Slot>().WithMany().HasForeignKey(b => b.SlotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Referral>().WithMany().HasForeignKey(b => b.ReferralId).OnDelete(DeleteBehavior.Restrict);

        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(b => b.PatientRequest).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.PatientRequestNote).HasMaxLength(Booking.ReasonMaxLength);
        builder.Property(b => b.BookedBy).HasMaxLength(256).IsRequired();
        builder.Property(b => b.LeadTimeOverrideReason).HasMaxLength(Booking.ReasonMaxLength);
        builder.Property(b => b.CancelReason).HasMaxLength(Booking.ReasonMaxLength);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.Ignore(b => b.IsActive);
        builder.Ignore(b => b.IsOccupying);
        builder.Ignore(b => b.HoldsClaims);

        // What the booking holds besides its slot (its claims are the guarantee; these say who and which).
        builder.HasOne<Resource>().WithMany().HasForeignKey(b => b.PhysicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Resource>().WithMany().HasForeignKey(b => b.SedationNurseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Resource>().WithMany().HasForeignKey(b => b.RecoveryUnitId).OnDelete(DeleteBehavior.Restrict);

        // Double booking is impossible by construction: at most one occupying booking per slot (a
        // completed or no-show booking keeps its slot for good) and one active booking per referral
        // (a no-show referral may be booked again).
        var column = sqlServer ? "[Status]" : "\"Status\"";
        string Filter(IEnumerable<string> statuses) => $"{column} IN ({string.Join(", ", statuses.Select(s => $"'{s}'"))})";
        builder.HasIndex(b => b.SlotId).IsUnique().HasFilter(Filter(BookingStatuses.OccupyingNames)).HasDatabaseName("UX_Bookings_OccupyingSlot");
        builder.HasIndex(b => b.ReferralId).IsUnique().HasFilter(Filter(BookingStatuses.ActiveNames)).HasDatabaseName("UX_Bookings_ActiveReferral");

        // Lookups by slot and by referral. The partial unique indexes above cannot serve them: SQLite
        // uses a partial index only when the query repeats its filter word for word, and the
        // "is this slot free" and "the referral's booking" queries ask for occupying or active
        // bookings in their own terms. Status is in the key so that check reads the index alone.
        builder.HasIndex(b => new { b.SlotId, b.Status }).HasDatabaseName("IX_Bookings_SlotId_Status");
        builder.HasIndex(b => new { b.ReferralId, b.Status }).HasDatabaseName("IX_Bookings_ReferralId_Status");

        // Reminders, escalation and the day lists.
        builder.HasIndex(b => new { b.Status, b.BookedAtUtc });
    }
}
