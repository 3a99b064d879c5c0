using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class OpeningRangeConfiguration : IEntityTypeConfiguration<OpeningRange>
{
    public void Configure(EntityTypeBuilder<OpeningRange> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Day).HasConversion<int>();
        builder.HasIndex(r => r.Day);
    }
}
