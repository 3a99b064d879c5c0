using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class OfflineMessageConfiguration : IEntityTypeConfiguration<OfflineMessage>
{
    public void Configure(EntityTypeBuilder<OfflineMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(Conversation.MaxPatronNameLength);
        builder.Property(m => m.Email).HasMaxLength(Conversation.MaxEmailLength);
        builder.Property(m => m.MemberNumber).HasMaxLength(Conversation.MaxMemberNumberLength);
        builder.Property(m => m.Text).HasMaxLength(OfflineMessage.MaxTextLength);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.VisitorId).HasMaxLength(64);
        builder.Property(m => m.Status).HasConversion<int>();
        builder.Property(m => m.ClosedReason).HasConversion<int?>();
        builder.Property(m => m.AssignedLibrarianId).HasMaxLength(450);
        builder.HasOne<QuestionType>().WithMany().HasForeignKey(m => m.QuestionTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.Status, m.ReceivedAt });
    }
}
