using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Accounts;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.FullName).HasMaxLength(AccessRequest.FullNameMaxLength).IsRequired();
        builder.Property(r => r.Practice).HasMaxLength(AccessRequest.PracticeMaxLength).IsRequired();
        builder.Property(r => r.Npi).HasMaxLength(Npi.Length).IsRequired();
        builder.Property(r => r.Email).HasMaxLength(AccessRequest.EmailMaxLength).IsRequired();
        builder.Property(r => r.Phone).HasMaxLength(AccessRequest.PhoneMaxLength).IsRequired();
        builder.Property(r => r.Note).HasMaxLength(AccessRequest.NoteMaxLength);
        builder.Property(r => r.DeclineReason).HasMaxLength(AccessRequest.ReasonMaxLength);
        builder.Property(r => r.DecidedByUserId).HasMaxLength(AccountLink.UserIdMaxLength);
        builder.Property(r => r.AccountUserId).HasMaxLength(AccountLink.UserIdMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => new { r.Status, r.CreatedAtUtc });
    }
}
