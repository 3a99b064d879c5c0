using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class QuestionTypeConfiguration : IEntityTypeConfiguration<QuestionType>
{
    public void Configure(EntityTypeBuilder<QuestionType> builder)
    {
        builder.HasKey(q => q.Id);
        builder.Property(q => q.NameId).HasMaxLength(QuestionType.MaxNameLength);
        builder.Property(q => q.NameEn).HasMaxLength(QuestionType.MaxNameLength);
        builder.HasIndex(q => q.NameId).IsUnique();
    }
}
