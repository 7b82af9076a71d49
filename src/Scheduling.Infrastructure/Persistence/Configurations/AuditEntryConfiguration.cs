using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Audit;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(AuditEntry.UserMaxLength);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionMaxLength).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(AuditEntry.EntityIdMaxLength);
        builder.Property(a => a.Details).HasMaxLength(AuditEntry.DetailsMaxLength);
        builder.Property(a => a.ClientAddress).HasMaxLength(AuditEntry.ClientAddressMaxLength);
        builder.HasIndex(a => a.OccurredAtUtc);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.OwnsMany(a => a.RecordsShown, shown =>
        {
            shown.ToTable("AuditEntryRecords");
            shown.WithOwner().HasForeignKey("AuditEntryId");
            shown.Property<long>("Id").ValueGeneratedOnAdd();
            shown.HasKey("Id");
            shown.Property(r => r.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength).IsRequired();
            shown.Property(r => r.EntityId).HasMaxLength(AuditEntry.EntityIdMaxLength).IsRequired();
            shown.HasIndex(r => r.EntityId);
        });
        builder.Navigation(a => a.RecordsShown).HasField("_recordsShown").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
