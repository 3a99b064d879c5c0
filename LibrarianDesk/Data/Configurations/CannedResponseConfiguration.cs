using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class CannedResponseConfiguration : IEntityTypeConfiguration<CannedResponse>
{
    public void Configure(EntityTypeBuilder<CannedResponse> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Shortcut).HasMaxLength(CannedResponse.MaxShortcutLength);
        builder.Property(c => c.Title).HasMaxLength(CannedResponse.MaxTitleLength);
        builder.Property(c => c.TextId).HasMaxLength(CannedResponse.MaxTextLength);
        builder.Property(c => c.TextEn).HasMaxLength(CannedResponse.MaxTextLength);
        builder.HasOne<Librarian>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.OwnerId, c.Shortcut }).IsUnique();
    }
}
