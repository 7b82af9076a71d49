using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Integration;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class IntegrationClientConfiguration : IEntityTypeConfiguration<IntegrationClient>
{
    public void Configure(EntityTypeBuilder<IntegrationClient> builder)
    {
        builder.ToTable("IntegrationClients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(IntegrationClient.NameMaxLength).IsRequired();
        builder.Property(c => c.ClientId).HasMaxLength(IntegrationClient.ClientIdMaxLength).IsRequired();
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.Property(c => c.DoctorUserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(c => c.DoctorUserId);
        builder.Property(c => c.Scopes).HasMaxLength(IntegrationClient.ScopesMaxLength).IsRequired();
        builder.Property(c => c.KeySetJson).HasMaxLength(IntegrationClient.KeySetMaxLength).IsRequired();
        builder.Property(c => c.KeyIds).HasMaxLength(IntegrationClient.KeySetMaxLength).IsRequired();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsActive);
        builder.Ignore(c => c.AllowedScopes);
        builder.Ignore(c => c.KeyIdSet);
    }
}
