using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.PatronName).HasMaxLength(Conversation.MaxPatronNameLength);
        builder.Property(c => c.PatronEmail).HasMaxLength(Conversation.MaxEmailLength);
        builder.Property(c => c.ClaimedMemberNumber).HasMaxLength(Conversation.MaxMemberNumberLength);
        builder.Property(c => c.PageUrl).HasMaxLength(2048);
        builder.Property(c => c.VisitorId).HasMaxLength(64);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.Property(c => c.PatronTokenHash).HasMaxLength(64);
        builder.Property(c => c.PatronIpAddress).HasMaxLength(45);
        builder.Property(c => c.Tags).HasMaxLength(Conversation.MaxTagsLength);
        builder.Property(c => c.RatingComment).HasMaxLength(Conversation.MaxRatingCommentLength);
        builder.Property(c => c.TranscriptEmail).HasMaxLength(Conversation.MaxEmailLength);
        builder.Property(c => c.Status).HasConversion<int>();
        builder.Property(c => c.Membership).HasConversion<int>();

        // LastSequence doubles as the optimistic concurrency token: two writers appending to the same
        // conversation cannot both take the same sequence number.
        builder.Property(c => c.LastSequence).IsConcurrencyToken();

        builder.HasOne<QuestionType>().WithMany().HasForeignKey(c => c.QuestionTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Librarian>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Librarian>().WithMany().HasForeignKey(c => c.FollowedUpById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Messages).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(c => new { c.Status, c.StartedAt });
        // Analytics read a period's every filter and metric from this index alone (it covers them), in
        // StartedAt order, never the wide rows; its StartedAt prefix serves any other range on StartedAt.
        builder.HasIndex(c => new
        {
            c.StartedAt, c.OwnerId, c.QuestionTypeId, c.Membership, c.Status, c.FirstResponseAt, c.Rating, c.ReadScale, c.FollowedUpAt,
            c.WaitSeconds, c.WaitServiceSeconds, c.FirstResponseSeconds, c.FirstResponseServiceSeconds, c.DurationSeconds, c.DurationServiceSeconds,
        }).HasDatabaseName("IX_Conversations_Analytics");
        // Each librarian's medians read their own conversations of the period from this index alone (it
        // covers the metrics), not the whole period once per librarian; its OwnerId prefix serves the foreign key.
        builder.HasIndex(c => new
        {
            c.OwnerId, c.StartedAt,
            c.WaitSeconds, c.WaitServiceSeconds, c.FirstResponseSeconds, c.FirstResponseServiceSeconds, c.DurationSeconds, c.DurationServiceSeconds,
        }).HasDatabaseName("IX_Conversations_Owner_Analytics");
        builder.HasIndex(c => c.VisitorId);

        // A token (and so a start key, which becomes the token) names one conversation: a retried start
        // that races its first copy is refused here and reads the first one's conversation.
        // Conversations made without a patron (the demo's past ones) have no token.
        builder.HasIndex(c => c.PatronTokenHash).IsUnique().HasFilter("\"PatronTokenHash\" <> ''");

        // The workspace lists the patron's earlier conversations (same email or member number) on every refresh.
        builder.HasIndex(c => c.PatronEmail);
        builder.HasIndex(c => c.ClaimedMemberNumber);
    }
}
