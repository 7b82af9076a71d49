using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Messaging;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasMaxLength(OutboxMessage.KindMaxLength).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(m => m.SentMessageId).HasMaxLength(OutboxMessage.MessageIdMaxLength);
        builder.Property(m => m.DeliveryStatus).HasMaxLength(OutboxMessage.DeliveryStatusMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);

        // One decision, one message: the same booking version can never queue the same kind twice.
        builder.HasIndex(m => new { m.SubjectId, m.Kind, m.SubjectVersion }).IsUnique();

        // The sweeper's query: due or expired work, oldest first.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
    }
}
