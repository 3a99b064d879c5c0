using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class PresencePeriodConfiguration : IEntityTypeConfiguration<PresencePeriod>
{
    public void Configure(EntityTypeBuilder<PresencePeriod> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.LibrarianId).HasMaxLength(450);
        builder.Property(p => p.Presence).HasConversion<int>();
        builder.HasOne<Librarian>().WithMany().HasForeignKey(p => p.LibrarianId).OnDelete(DeleteBehavior.Cascade);

        // Analytics sum the periods overlapping a date range, per librarian.
        builder.HasIndex(p => new { p.StartedAt, p.LibrarianId });
        builder.HasIndex(p => new { p.LibrarianId, p.EndedAt });
    }
}
