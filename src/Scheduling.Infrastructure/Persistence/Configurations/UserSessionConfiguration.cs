using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Identity;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.KeyHash).HasMaxLength(UserSession.KeyHashLength).IsFixedLength().IsRequired();
        builder.Property(s => s.UserId).HasMaxLength(UserSession.UserIdMaxLength).IsRequired();
        builder.Property(s => s.SecurityStamp).HasMaxLength(UserSession.SecurityStampMaxLength);
        builder.Property(s => s.Ticket).IsRequired();
        builder.Property(s => s.ClientAddress).HasMaxLength(UserSession.ClientAddressMaxLength);
        builder.Property(s => s.Device).HasMaxLength(UserSession.DeviceMaxLength);
        builder.Property(s => s.EndReason).HasMaxLength(UserSession.EndReasonMaxLength);

        // Every request finds its session by key hash: one unique index seek.
        builder.HasIndex(s => s.KeyHash).IsUnique();
        builder.HasIndex(s => new { s.UserId, s.EndedAtUtc });
        builder.HasIndex(s => s.ExpiresAtUtc);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
