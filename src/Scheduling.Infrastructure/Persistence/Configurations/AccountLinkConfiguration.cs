using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Accounts;
using Scheduling.Infrastructure.Identity;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class AccountLinkConfiguration : IEntityTypeConfiguration<AccountLink>
{
    public void Configure(EntityTypeBuilder<AccountLink> builder)
    {
        builder.ToTable("AccountLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.UserId).HasMaxLength(AccountLink.UserIdMaxLength).IsRequired();
        builder.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.TokenHash).HasMaxLength(AccountLink.HashLength).IsFixedLength();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.UserId, l.Purpose });

        // Links die with their account.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
