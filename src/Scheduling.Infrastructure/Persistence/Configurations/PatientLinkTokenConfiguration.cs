using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Messaging;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class PatientLinkTokenConfiguration : IEntityTypeConfiguration<PatientLinkToken>
{
    public void Configure(EntityTypeBuilder<PatientLinkToken> builder)
    {
        builder.ToTable("PatientLinkTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(PatientLinkToken.HashLength).IsFixedLength().IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => new { t.BookingId, t.BookingVersion });
    }
}
