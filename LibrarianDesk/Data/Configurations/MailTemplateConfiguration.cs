using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class MailTemplateConfiguration : IEntityTypeConfiguration<MailTemplate>
{
    public void Configure(EntityTypeBuilder<MailTemplate> builder)
    {
        builder.HasKey(t => new { t.Kind, t.Language });
        builder.Property(t => t.Kind).HasMaxLength(40);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(MailTemplate.MaxSubjectLength);
        builder.Property(t => t.Body).HasMaxLength(MailTemplate.MaxBodyLength);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}
