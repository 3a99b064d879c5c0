using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

/// <summary>Applied by <see cref="DeskDbContext"/> with the engine, which its filtered index is written for.</summary>
internal static class ChatMessageConfiguration
{
    public static void Configure(EntityTypeBuilder<ChatMessage> builder, DatabaseProvider provider)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Text).HasMaxLength(ChatMessage.MaxTextLength);
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        builder.Property(m => m.Author).HasConversion<int>();

        // A default in the schema itself: the chat writer's own INSERT (patron messages and replies) leaves the column out.
        builder.Property(m => m.SystemEvent).HasConversion<int>().HasDefaultValue(SystemEvent.None);

        // Columns of the message's own row (Attachment_Id, …), null for a written message: a transcript reads no other table.
        builder.OwnsOne(m => m.Attachment, attachment =>
        {
            attachment.Property(a => a.FileName).HasMaxLength(MessageAttachment.MaxFileNameLength);
            attachment.Property(a => a.Kind).HasConversion<int>();

            // A download names the attachment alone.
            attachment.HasIndex(a => a.Id).IsUnique();
        });

        // The database, not only the code, guarantees one message per sequence number.
        builder.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();

        // A resent message (same client id) is found instead of stored twice, even by two racing writers.
        builder.Property(m => m.ClientMessageId).HasMaxLength(ChatMessage.MaxClientMessageIdLength);
        // PostgreSQL folds an unquoted name to lower case; SQLite's filter stays as its migrations wrote it.
        builder.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique().HasFilter(provider == DatabaseProvider.PostgreSql
            ? "\"ClientMessageId\" IS NOT NULL"
            : "ClientMessageId IS NOT NULL");
    }
}
