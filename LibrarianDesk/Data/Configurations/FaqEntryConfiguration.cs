using LibrarianDesk.Shared.Faq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class FaqEntryConfiguration : IEntityTypeConfiguration<FaqEntry>
{
    public void Configure(EntityTypeBuilder<FaqEntry> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.QuestionId).HasMaxLength(FaqEntry.MaxQuestionLength);
        builder.Property(f => f.QuestionEn).HasMaxLength(FaqEntry.MaxQuestionLength);
        builder.Property(f => f.AnswerId).HasMaxLength(FaqEntry.MaxAnswerLength);
        builder.Property(f => f.AnswerEn).HasMaxLength(FaqEntry.MaxAnswerLength);
        builder.HasIndex(f => new { f.IsPublished, f.SortOrder });
    }
}
