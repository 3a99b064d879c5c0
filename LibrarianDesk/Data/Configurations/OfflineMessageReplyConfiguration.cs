using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class OfflineMessageReplyConfiguration : IEntityTypeConfiguration<OfflineMessageReply>
{
    public void Configure(EntityTypeBuilder<OfflineMessageReply> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.LibrarianId).HasMaxLength(450);
        builder.Property(r => r.LibrarianName).HasMaxLength(256);
        builder.Property(r => r.Text).HasMaxLength(OfflineMessageReply.MaxTextLength);
        builder.HasOne<OfflineMessage>().WithMany().HasForeignKey(r => r.OfflineMessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.OfflineMessageId, r.SentAt });
    }
}
