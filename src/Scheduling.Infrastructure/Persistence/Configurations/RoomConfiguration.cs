using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Rooms;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.ToTable("Rooms");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(Room.NameMaxLength).IsRequired();
        builder.Property(r => r.NormalizedName).HasMaxLength(Room.NameMaxLength).IsRequired();
        builder.HasIndex(r => r.NormalizedName).IsUnique();
        builder.Property(r => r.Location).HasMaxLength(Room.LocationMaxLength);
    }
}
