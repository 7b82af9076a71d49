using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Integration;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class UsedClientAssertionConfiguration : IEntityTypeConfiguration<UsedClientAssertion>
{
    public void Configure(EntityTypeBuilder<UsedClientAssertion> builder)
    {
        builder.ToTable("UsedClientAssertions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ClientId).HasMaxLength(IntegrationClient.ClientIdMaxLength).IsRequired();
        builder.Property(a => a.Jti).HasMaxLength(UsedClientAssertion.JtiMaxLength).IsRequired();

        // The replay rule: one use of a jti per client, whichever instance sees it.
        builder.HasIndex(a => new { a.ClientId, a.Jti }).IsUnique();
        builder.HasIndex(a => a.ExpiresAtUtc);
    }
}
