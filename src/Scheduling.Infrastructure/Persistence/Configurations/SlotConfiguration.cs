using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    public void Configure(EntityTypeBuilder<Slot> builder)
    {
        builder.ToTable("Slots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Room>().WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.Restrict);

        // The natural key the materialization job matches on: running it twice can never add a copy.
        builder.HasIndex(s => new { s.RoomId, s.StartUtc }).IsUnique();
        builder.HasIndex(s => new { s.LocalDate, s.RoomId });
        builder.HasIndex(s => s.StartUtc);

        // Application-set token (SQLite has no rowversion); identical in both providers' migrations.
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
