using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Settings;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class StoredSettingsConfiguration : IEntityTypeConfiguration<StoredSettings>
{
    public void Configure(EntityTypeBuilder<StoredSettings> builder)
    {
        builder.ToTable("StoredSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Section).HasMaxLength(StoredSettings.SectionMaxLength).IsRequired();
        // One row per section: two first saves at once cannot both insert.
        builder.HasIndex(s => s.Section).IsUnique();
        builder.Property(s => s.ValuesJson).HasMaxLength(StoredSettings.ValuesMaxLength).IsRequired();
        builder.Property(s => s.UpdatedBy).HasMaxLength(StoredSettings.ByMaxLength).IsRequired();
        builder.Property(s => s.Revision).IsConcurrencyToken();
    }
}
