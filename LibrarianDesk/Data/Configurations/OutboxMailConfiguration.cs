using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("OutboxMails");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.To).HasMaxLength(OutboxMail.MaxAddressLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMail.MaxSubjectLength);
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMail.MaxErrorLength);
        builder.Property(m => m.ClaimedBy).HasMaxLength(DeskServer.MaxIdLength);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.HasIndex(m => new { m.Kind, m.RelatedId });
    }
}
