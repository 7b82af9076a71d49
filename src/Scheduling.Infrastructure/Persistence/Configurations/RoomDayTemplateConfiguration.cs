using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class RoomDayTemplateConfiguration : IEntityTypeConfiguration<RoomDayTemplate>
{
    public void Configure(EntityTypeBuilder<RoomDayTemplate> builder)
    {
        builder.ToTable("RoomDayTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Room>().WithMany().HasForeignKey(t => t.RoomId).OnDelete(DeleteBehavior.Restrict);

        // Slot generation refuses two templates for one weekday; the database makes it impossible.
        builder.HasIndex(t => new { t.RoomId, t.Weekday }).IsUnique();
        builder.Property(t => t.Weekday).HasConversion<string>().HasMaxLength(9);
    }
}
