using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> builder)
    {
        // The attachment's id, given by the upload: the message's Attachment_Id names its bytes.
        builder.HasKey(c => c.AttachmentId);
        builder.Property(c => c.AttachmentId).ValueGeneratedNever();

        // bytea on PostgreSQL, BLOB on SQLite. Anonymisation deletes a batch's files by conversation (the index).
        builder.Property(c => c.Bytes).IsRequired();
        builder.HasIndex(c => c.ConversationId);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
