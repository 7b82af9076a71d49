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
        builder.Property(a => a.RecordSetKey).HasMaxLength(AuditRecordSet.KeyLength);
        builder.HasIndex(a => a.RecordSetKey);
        builder.HasOne(a => a.RecordSet).WithMany().HasForeignKey(a => a.RecordSetKey).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(a => a.RecordsShown);
    }
}

internal sealed class AuditRecordSetConfiguration : IEntityTypeConfiguration<AuditRecordSet>
{
    public void Configure(EntityTypeBuilder<AuditRecordSet> builder)
    {
        builder.ToTable("AuditRecordSets");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(AuditRecordSet.KeyLength).ValueGeneratedNever();
        builder.OwnsMany(s => s.Records, record =>
        {
            record.ToTable("AuditRecordSetMembers");
            record.WithOwner().HasForeignKey("SetKey");
            record.Property<string>("SetKey").HasMaxLength(AuditRecordSet.KeyLength);
            record.Property(r => r.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength).IsRequired();
            record.Property(r => r.EntityId).HasMaxLength(AuditEntry.EntityIdMaxLength).IsRequired();
            record.HasKey("SetKey", nameof(AuditEntryRecord.EntityType), nameof(AuditEntryRecord.EntityId));
            record.HasIndex(r => r.EntityId);
        });
        builder.Navigation(s => s.Records).HasField("_records").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
