using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Messaging;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class TextOptOutConfiguration : IEntityTypeConfiguration<TextOptOut>
{
    public void Configure(EntityTypeBuilder<TextOptOut> builder)
    {
        builder.ToTable("TextOptOuts");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.PhoneNumber).HasMaxLength(MobileNumbers.MaxLength).IsRequired();
        builder.Property(o => o.Keyword).HasMaxLength(TextOptOut.KeywordMaxLength).IsRequired();

        // One opt-out per number: two STOP replies at once cannot both insert one.
        builder.HasIndex(o => o.PhoneNumber).IsUnique();
    }
}
