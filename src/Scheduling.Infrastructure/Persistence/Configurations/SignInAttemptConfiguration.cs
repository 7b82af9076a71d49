using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Accounts;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> builder)
    {
        builder.ToTable("SignInAttempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.EmailKey).HasMaxLength(SignInAttempt.KeyLength).IsFixedLength().IsRequired();
        builder.Property(a => a.ClientKey).HasMaxLength(SignInAttempt.KeyLength).IsFixedLength().IsRequired();

        // The two counts of every attempt: this client's for the email, and every new device's for the email.
        builder.HasIndex(a => new { a.EmailKey, a.ClientKey, a.AtUtc });
        builder.HasIndex(a => new { a.EmailKey, a.AtUtc });
        builder.HasIndex(a => a.AtUtc);
    }
}

internal sealed class KnownDeviceConfiguration : IEntityTypeConfiguration<KnownDevice>
{
    public void Configure(EntityTypeBuilder<KnownDevice> builder)
    {
        builder.ToTable("KnownDevices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.EmailKey).HasMaxLength(SignInAttempt.KeyLength).IsFixedLength().IsRequired();
        builder.Property(d => d.DeviceKey).HasMaxLength(SignInAttempt.KeyLength).IsFixedLength().IsRequired();
        builder.HasIndex(d => new { d.EmailKey, d.DeviceKey }).IsUnique();
        builder.HasIndex(d => d.LastSignInAtUtc);
    }
}

internal sealed class PasswordResetRequestConfiguration : IEntityTypeConfiguration<PasswordResetRequest>
{
    public void Configure(EntityTypeBuilder<PasswordResetRequest> builder)
    {
        builder.ToTable("PasswordResetRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Email).HasMaxLength(PasswordResetRequest.EmailMaxLength).IsRequired();
        builder.HasIndex(r => r.RequestedAtUtc);
    }
}
