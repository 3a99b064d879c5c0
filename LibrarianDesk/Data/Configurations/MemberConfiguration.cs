using LibrarianDesk.Shared.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MemberNumber).HasMaxLength(Member.MaxMemberNumberLength);
        builder.Property(m => m.FullName).HasMaxLength(Member.MaxNameLength);
        builder.Property(m => m.SearchName).HasMaxLength(Member.MaxNameLength);
        builder.Property(m => m.Email).HasMaxLength(Member.MaxEmailLength);
        builder.Property(m => m.Phone).HasMaxLength(Member.MaxPhoneLength);
        builder.Property(m => m.Type).HasConversion<int>();
        builder.Property(m => m.Status).HasConversion<int>();

        builder.HasIndex(m => m.MemberNumber).IsUnique();
        builder.HasIndex(m => m.SearchName);
        builder.HasIndex(m => m.Phone);
        builder.HasIndex(m => m.Email);
        builder.HasIndex(m => m.BirthDate);
    }
}
