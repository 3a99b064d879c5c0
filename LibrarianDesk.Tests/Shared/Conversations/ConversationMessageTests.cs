using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Tests.Conversations;

public sealed class ConversationMessageTests
{
    [Fact]
    public void Messages_are_numbered_one_two_three_in_the_order_they_are_appended()
    {
        var conversation = Chat.Waiting();

        var first = conversation.Append(MessageAuthor.Patron, null, "Halo", Chat.At(0));
        var second = conversation.Append(MessageAuthor.System, null, "Diklaim", Chat.At(1));
        var third = conversation.Append(MessageAuthor.Librarian, Chat.Librarian, "Selamat pagi", Chat.At(2));

        new[] { first.Sequence, second.Sequence, third.Sequence }.Should().Equal(1, 2, 3);
        conversation.Messages.Select(m => m.Sequence).Should().Equal(1, 2, 3);
        conversation.LastSequence.Should().Be(3);
    }

    [Fact]
    public void An_appended_message_carries_its_conversation_author_time_and_text()
    {
        var conversation = Chat.Active();

        var message = conversation.Append(MessageAuthor.Librarian, Chat.Librarian, "Bukunya ada di lantai 21.", Chat.At(3));

        message.ConversationId.Should().Be(Chat.Id);
        message.Author.Should().Be(MessageAuthor.Librarian);
        message.AuthorId.Should().Be(Chat.Librarian);
        message.Text.Should().Be("Bukunya ada di lantai 21.");
        message.SentAt.Should().Be(Chat.At(3));
        conversation.Messages.Should().ContainSingle().Which.Should().BeSameAs(message);
    }

    [Fact]
    public void The_first_librarian_message_sets_the_first_response_time()
    {
        var conversation = Chat.Active();
        conversation.Append(MessageAuthor.Patron, null, "Halo", Chat.At(0));

        conversation.Append(MessageAuthor.Librarian, Chat.Librarian, "Selamat pagi", Chat.At(2));

        conversation.FirstResponseAt.Should().Be(Chat.At(2));
    }

    [Fact]
    public void Later_librarian_messages_do_not_move_the_first_response_time()
    {
        var conversation = Chat.Active();
        conversation.Append(MessageAuthor.Librarian, Chat.Librarian, "Selamat pagi", Chat.At(2));

        conversation.Append(MessageAuthor.Librarian, Chat.Librarian, "Ada yang bisa dibantu?", Chat.At(4));
        conversation.Append(MessageAuthor.Librarian, "librarian-2", "Saya bantu juga", Chat.At(6));

        conversation.FirstResponseAt.Should().Be(Chat.At(2));
    }

    [Fact]
    public void Patron_messages_do_not_set_the_first_response_time()
    {
        var conversation = Chat.Active();

        conversation.Append(MessageAuthor.Patron, null, "Halo", Chat.At(0));
        conversation.Append(MessageAuthor.Patron, null, "Masih di sana?", Chat.At(5));

        conversation.FirstResponseAt.Should().BeNull();
    }

    [Fact]
    public void System_messages_do_not_set_the_first_response_time()
    {
        var conversation = Chat.Active();

        conversation.Append(MessageAuthor.System, null, "Percakapan diambil oleh pustakawan", Chat.At(1));

        conversation.FirstResponseAt.Should().BeNull();
    }

    [Theory]
    [InlineData(MessageAuthor.Patron)]
    [InlineData(MessageAuthor.Librarian)]
    public void Appending_a_patron_or_librarian_message_to_a_closed_conversation_is_refused(MessageAuthor author)
    {
        var conversation = Chat.Closed();

        var append = () => conversation.Append(author, Chat.Librarian, "Satu lagi", Chat.At(11));

        append.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.AlreadyEnded);
        conversation.Messages.Should().BeEmpty();
    }

    [Theory]
    [InlineData(MessageAuthor.Patron)]
    [InlineData(MessageAuthor.Librarian)]
    public void Appending_a_patron_or_librarian_message_to_a_missed_conversation_is_refused(MessageAuthor author)
    {
        var conversation = Chat.Missed();

        var append = () => conversation.Append(author, Chat.Librarian, "Maaf terlambat", Chat.At(16));

        append.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.AlreadyEnded);
        conversation.Messages.Should().BeEmpty();
    }

    [Fact]
    public void A_refused_librarian_message_after_the_end_does_not_set_the_first_response_time()
    {
        var conversation = Chat.Missed();

        var append = () => conversation.Append(MessageAuthor.Librarian, Chat.Librarian, "Maaf terlambat", Chat.At(16));

        append.Should().Throw<ConversationRuleException>();
        conversation.FirstResponseAt.Should().BeNull();
    }

    [Fact]
    public void A_system_message_may_still_be_appended_to_a_closed_conversation()
    {
        var conversation = Chat.Closed();
        conversation.Append(MessageAuthor.System, null, "Ditutup", Chat.At(10));

        var message = conversation.Append(MessageAuthor.System, null, "Transkrip dikirim", Chat.At(11));

        message.Sequence.Should().Be(2);
        conversation.Messages.Should().HaveCount(2);
    }

    [Fact]
    public void A_system_message_may_still_be_appended_to_a_missed_conversation()
    {
        var conversation = Chat.Missed();

        var message = conversation.Append(MessageAuthor.System, null, "Tidak ada pustakawan yang menjawab", Chat.At(15));

        message.Sequence.Should().Be(1);
        conversation.Messages.Should().ContainSingle();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("  \t \r\n ")]
    public void An_empty_or_blank_message_is_refused(string text)
    {
        var conversation = Chat.Active();

        var append = () => conversation.Append(MessageAuthor.Patron, null, text, Chat.At(2));

        append.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ChatMessage.EmptyMessage);
        ChatMessage.EmptyMessage.Should().Be("message_empty");
        conversation.Messages.Should().BeEmpty();
    }

    [Fact]
    public void A_null_message_text_is_refused()
    {
        var conversation = Chat.Active();

        var append = () => conversation.Append(MessageAuthor.Patron, null, null!, Chat.At(2));

        append.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void A_message_longer_than_the_maximum_is_refused()
    {
        var conversation = Chat.Active();

        var append = () => conversation.Append(
            MessageAuthor.Librarian, Chat.Librarian, new string('a', ChatMessage.MaxTextLength + 1), Chat.At(2));

        append.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ChatMessage.MessageTooLong);
        ChatMessage.MessageTooLong.Should().Be("message_too_long");
        conversation.Messages.Should().BeEmpty();
        conversation.FirstResponseAt.Should().BeNull();
    }

    [Fact]
    public void A_message_of_exactly_the_maximum_length_is_accepted()
    {
        var conversation = Chat.Active();
        var text = new string('a', ChatMessage.MaxTextLength);

        var message = conversation.Append(MessageAuthor.Librarian, Chat.Librarian, text, Chat.At(2));

        message.Text.Should().HaveLength(ChatMessage.MaxTextLength);
    }

    [Fact]
    public void The_maximum_length_is_counted_after_trimming()
    {
        var conversation = Chat.Active();
        var text = "  \n" + new string('a', ChatMessage.MaxTextLength) + " \r\n";

        var message = conversation.Append(MessageAuthor.Patron, null, text, Chat.At(2));

        message.Text.Should().Be(new string('a', ChatMessage.MaxTextLength));
    }

    [Fact]
    public void Message_text_is_trimmed_but_inner_line_breaks_are_kept()
    {
        var conversation = Chat.Active();

        var message = conversation.Append(MessageAuthor.Patron, null, "  Baris satu\nBaris dua \r\n", Chat.At(2));

        message.Text.Should().Be("Baris satu\nBaris dua");
    }

    [Fact]
    public void A_refused_message_does_not_use_up_a_sequence_number()
    {
        // LastSequence is documented as "the highest message sequence number given out so far";
        // a message that was refused was never given a number.
        var conversation = Chat.Active();
        conversation.Append(MessageAuthor.Patron, null, "Halo", Chat.At(0));

        var refused = () => conversation.Append(MessageAuthor.Patron, null, "   ", Chat.At(1));
        refused.Should().Throw<ConversationRuleException>();

        conversation.LastSequence.Should().Be(1, "no message numbered 2 was given out");
        conversation.Append(MessageAuthor.Patron, null, "Apakah ada buku ini?", Chat.At(2))
            .Sequence.Should().Be(2, "sequence numbers have no gaps");
    }
}
