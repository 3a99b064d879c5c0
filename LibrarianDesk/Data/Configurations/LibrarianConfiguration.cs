using LibrarianDesk.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class LibrarianConfiguration : IEntityTypeConfiguration<Librarian>
{
    public void Configure(EntityTypeBuilder<Librarian> builder)
    {
        builder.Property(l => l.DisplayName).HasMaxLength(Librarian.MaxDisplayNameLength);
        builder.Property(l => l.Presence).HasConversion<int>();
    }
}
