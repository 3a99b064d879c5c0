using LibrarianDesk.Shared.Visitors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class GreetingTriggerConfiguration : IEntityTypeConfiguration<GreetingTrigger>
{
    public void Configure(EntityTypeBuilder<GreetingTrigger> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(GreetingTrigger.MaxNameLength);
        builder.Property(t => t.Pattern).HasMaxLength(GreetingTrigger.MaxPatternLength);
        builder.Property(t => t.TextId).HasMaxLength(GreetingTrigger.MaxTextLength);
        builder.Property(t => t.TextEn).HasMaxLength(GreetingTrigger.MaxTextLength);
        builder.Property(t => t.Kind).HasConversion<int>();
    }
}
