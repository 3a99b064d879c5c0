using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Name).HasMaxLength(Holiday.MaxNameLength);
        builder.Property(h => h.Kind).HasConversion<int>();
        builder.HasIndex(h => h.Date).IsUnique();
    }
}
