using LibrarianDesk.Shared.Visitors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.VisitorId).HasMaxLength(Visit.MaxVisitorIdLength);
        builder.HasIndex(v => v.VisitorId);
        builder.HasIndex(v => v.StartedAt);
    }
}
