using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class ClosureConfiguration : IEntityTypeConfiguration<Closure>
{
    public void Configure(EntityTypeBuilder<Closure> builder)
    {
        builder.ToTable("Closures");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Room>().WithMany().HasForeignKey(c => c.RoomId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Reason).HasMaxLength(Closure.ReasonMaxLength).IsRequired();
        builder.Property(c => c.CreatedBy).HasMaxLength(Closure.CreatedByMaxLength).IsRequired();

        // Materialization and the calendar ask "which closures overlap these dates".
        builder.HasIndex(c => new { c.ToDate, c.FromDate });
    }
}
