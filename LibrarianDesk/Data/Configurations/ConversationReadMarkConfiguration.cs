using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class ConversationReadMarkConfiguration : IEntityTypeConfiguration<ConversationReadMark>
{
    public void Configure(EntityTypeBuilder<ConversationReadMark> builder)
    {
        // The pair is the key: the upsert that moves a mark forward relies on it being unique.
        builder.HasKey(m => new { m.ConversationId, m.LibrarianId });
        builder.Property(m => m.LibrarianId).HasMaxLength(450);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Librarian>().WithMany().HasForeignKey(m => m.LibrarianId).OnDelete(DeleteBehavior.Cascade);
    }
}
