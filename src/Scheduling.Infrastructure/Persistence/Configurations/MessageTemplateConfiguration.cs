using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Messaging;

namespace Scheduling.Infrastructure.Persistence.Configurations;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("MessageTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Kind).HasMaxLength(OutboxMessage.KindMaxLength).IsRequired();
        builder.Property(t => t.Language).HasMaxLength(PatientLanguages.CodeMaxLength).IsRequired();
        builder.HasIndex(t => new { t.Kind, t.Language }).IsUnique();
        builder.Property(t => t.Subject).HasMaxLength(MessageTemplate.SubjectMaxLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(MessageTemplate.BodyMaxLength).IsRequired();
    }
}
