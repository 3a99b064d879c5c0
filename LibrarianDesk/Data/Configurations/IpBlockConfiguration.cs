using LibrarianDesk.Shared.Blocking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class IpBlockConfiguration : IEntityTypeConfiguration<IpBlock>
{
    public void Configure(EntityTypeBuilder<IpBlock> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Range).HasMaxLength(64);
        builder.Property(b => b.Reason).HasMaxLength(IpBlock.MaxReasonLength);
        builder.Property(b => b.CreatedBy).HasMaxLength(256);
        builder.Property(b => b.CreatedById).HasMaxLength(450);
        builder.HasIndex(b => b.Range);
        builder.HasIndex(b => b.ExpiresAt);
    }
}
