using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Infrastructure.Identity;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(ApplicationUser.FullNameMaxLength).IsRequired();
        builder.Property(u => u.PracticeName).HasMaxLength(ApplicationUser.PracticeMaxLength);
        builder.Property(u => u.PracticePhone).HasMaxLength(ApplicationUser.PracticePhoneMaxLength);
        builder.Property(u => u.Npi).HasMaxLength(ApplicationUser.NpiMaxLength);
    }
}
