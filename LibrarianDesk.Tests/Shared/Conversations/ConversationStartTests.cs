using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Tests.Conversations;

public sealed class ConversationStartTests
{
    [Fact]
    public void A_started_conversation_is_waiting_with_what_the_patron_gave()
    {
        var conversation = Conversation.Start(
            Chat.Id, "Siti Rahayu", "siti@example.id", "1234567", 3, "https://www.perpusnas.go.id/", Chat.Start);

        conversation.Id.Should().Be(Chat.Id);
        conversation.Status.Should().Be(ConversationStatus.Waiting);
        conversation.PatronName.Should().Be("Siti Rahayu");
        conversation.PatronEmail.Should().Be("siti@example.id");
        conversation.ClaimedMemberNumber.Should().Be("1234567");
        conversation.QuestionTypeId.Should().Be(3);
        conversation.PageUrl.Should().Be("https://www.perpusnas.go.id/");
        conversation.StartedAt.Should().Be(Chat.Start);
    }

    [Fact]
    public void A_started_conversation_has_no_owner_times_ratings_or_messages_yet()
    {
        var conversation = Chat.Waiting();

        conversation.OwnerId.Should().BeNull();
        conversation.ClaimedAt.Should().BeNull();
        conversation.FirstResponseAt.Should().BeNull();
        conversation.ClosedAt.Should().BeNull();
        conversation.ReadScale.Should().BeNull();
        conversation.Rating.Should().BeNull();
        conversation.LastSequence.Should().Be(0);
        conversation.Messages.Should().BeEmpty();
    }

    [Fact]
    public void Start_trims_the_patron_name_email_and_member_number()
    {
        var conversation = Conversation.Start(
            Chat.Id, "  Siti Rahayu \t", " siti@example.id  ", "  1234567 ", null, null, Chat.Start);

        conversation.PatronName.Should().Be("Siti Rahayu");
        conversation.PatronEmail.Should().Be("siti@example.id");
        conversation.ClaimedMemberNumber.Should().Be("1234567");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Start_stores_a_blank_email_and_member_number_as_null(string? blank)
    {
        var conversation = Conversation.Start(Chat.Id, "Siti", blank, blank, null, null, Chat.Start);

        conversation.PatronEmail.Should().BeNull();
        conversation.ClaimedMemberNumber.Should().BeNull();
    }

    [Fact]
    public void Start_keeps_an_absent_question_type_and_page_as_null()
    {
        var conversation = Conversation.Start(Chat.Id, "Siti", null, null, null, null, Chat.Start);

        conversation.QuestionTypeId.Should().BeNull();
        conversation.PageUrl.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Starting_without_a_patron_name_is_refused(string blank)
    {
        var start = () => Conversation.Start(Chat.Id, blank, null, null, null, null, Chat.Start);

        start.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Starting_with_a_null_patron_name_is_refused()
    {
        var start = () => Conversation.Start(Chat.Id, null!, null, null, null, null, Chat.Start);

        start.Should().Throw<ArgumentNullException>();
    }
}
