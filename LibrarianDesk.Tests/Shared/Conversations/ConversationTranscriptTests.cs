using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Tests.Conversations;

public sealed class ConversationTranscriptTests
{
    [Theory]
    [InlineData("siti@example.id")]
    [InlineData("  SITI@Example.ID ")]
    public void The_transcript_goes_to_the_start_address_however_it_is_written_again(string asked)
    {
        var conversation = Chat.Closed();

        conversation.RequestTranscript(asked);

        conversation.TranscriptEmail.Should().Be("siti@example.id");
    }

    [Theory]
    [InlineData("korban@example.id")]
    [InlineData("siti@example.id.evil.test")]
    [InlineData("")]
    [InlineData(null)]
    public void Another_address_is_refused_and_nothing_is_recorded(string? asked)
    {
        var conversation = Chat.Closed();

        var request = () => conversation.RequestTranscript(asked);

        request.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotTheTranscriptAddress);
        conversation.TranscriptEmail.Should().BeNull();
    }

    [Fact]
    public void A_conversation_started_without_an_address_has_nowhere_to_send_a_transcript()
    {
        var conversation = Conversation.Start(Chat.Id, "Pengunjung", null, null, null, null, Chat.Start);

        var request = () => conversation.RequestTranscript("siapa@example.id");

        request.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NoTranscriptAddress);
        conversation.TranscriptEmail.Should().BeNull();
    }
}
