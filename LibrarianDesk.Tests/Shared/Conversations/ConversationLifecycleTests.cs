using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Tests.Conversations;

public sealed class ConversationLifecycleTests
{
    [Fact]
    public void Claiming_a_waiting_conversation_makes_it_active_and_owned_by_the_librarian()
    {
        var conversation = Chat.Waiting();

        conversation.Claim(Chat.Librarian, Chat.At(1));

        conversation.Status.Should().Be(ConversationStatus.Active);
        conversation.OwnerId.Should().Be(Chat.Librarian);
        conversation.ClaimedAt.Should().Be(Chat.At(1));
    }

    [Fact]
    public void Claiming_does_not_count_as_a_first_response()
    {
        var conversation = Chat.Waiting();

        conversation.Claim(Chat.Librarian, Chat.At(1));

        conversation.FirstResponseAt.Should().BeNull();
    }

    [Fact]
    public void Claiming_a_conversation_that_is_already_active_is_refused_and_keeps_the_first_owner()
    {
        var conversation = Chat.Active();

        var claim = () => conversation.Claim("librarian-2", Chat.At(2));

        claim.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotWaiting);
        conversation.OwnerId.Should().Be(Chat.Librarian);
        conversation.ClaimedAt.Should().Be(Chat.At(1));
        conversation.Status.Should().Be(ConversationStatus.Active);
    }

    [Fact]
    public void The_same_librarian_claiming_twice_is_refused_too()
    {
        var conversation = Chat.Active();

        var claim = () => conversation.Claim(Chat.Librarian, Chat.At(2));

        claim.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotWaiting);
        conversation.ClaimedAt.Should().Be(Chat.At(1));
    }

    [Fact]
    public void Claiming_a_closed_conversation_is_refused()
    {
        var conversation = Chat.Closed();

        var claim = () => conversation.Claim("librarian-2", Chat.At(11));

        claim.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotWaiting);
        conversation.Status.Should().Be(ConversationStatus.Closed);
    }

    [Fact]
    public void Claiming_a_missed_conversation_is_refused()
    {
        var conversation = Chat.Missed();

        var claim = () => conversation.Claim(Chat.Librarian, Chat.At(16));

        claim.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotWaiting);
        conversation.Status.Should().Be(ConversationStatus.Missed);
        conversation.OwnerId.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Claiming_without_a_librarian_id_is_refused_and_leaves_the_conversation_waiting(string blank)
    {
        var conversation = Chat.Waiting();

        var claim = () => conversation.Claim(blank, Chat.At(1));

        claim.Should().Throw<ArgumentException>();
        conversation.Status.Should().Be(ConversationStatus.Waiting);
        conversation.OwnerId.Should().BeNull();
    }

    [Fact]
    public void Closing_a_conversation_nobody_took_is_refused_because_it_ends_as_missed()
    {
        var conversation = Chat.Waiting();

        var close = () => conversation.Close(Chat.At(5));

        close.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotActive);
        conversation.Status.Should().Be(ConversationStatus.Waiting);
        conversation.ClosedAt.Should().BeNull();
    }

    [Fact]
    public void Closing_a_claimed_conversation_records_the_time_question_type_and_read_scale()
    {
        var conversation = Chat.Active();

        conversation.Close(Chat.At(10), questionTypeId: 7, readScale: 3);

        conversation.Status.Should().Be(ConversationStatus.Closed);
        conversation.ClosedAt.Should().Be(Chat.At(10));
        conversation.QuestionTypeId.Should().Be(7);
        conversation.ReadScale.Should().Be(3);
        conversation.OwnerId.Should().Be(Chat.Librarian);
    }

    [Fact]
    public void Closing_without_a_question_type_keeps_the_one_the_patron_chose()
    {
        var conversation = Chat.Active();

        conversation.Close(Chat.At(10));

        conversation.QuestionTypeId.Should().Be(3);
        conversation.ReadScale.Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Closing_accepts_the_ends_of_the_read_scale(int readScale)
    {
        var conversation = Chat.Active();

        conversation.Close(Chat.At(10), readScale: readScale);

        conversation.ReadScale.Should().Be(readScale);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-1)]
    public void Closing_with_a_read_scale_outside_one_to_six_is_refused_and_leaves_the_conversation_open(int readScale)
    {
        var conversation = Chat.Active();

        var close = () => conversation.Close(Chat.At(10), questionTypeId: 7, readScale: readScale);

        close.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("readScale");
        conversation.Status.Should().Be(ConversationStatus.Active);
        conversation.ClosedAt.Should().BeNull();
        conversation.ReadScale.Should().BeNull();
        conversation.QuestionTypeId.Should().Be(3);
    }

    [Fact]
    public void Closing_a_conversation_twice_is_refused_and_keeps_the_first_close()
    {
        var conversation = Chat.Active();
        conversation.Close(Chat.At(10), questionTypeId: 7, readScale: 2);

        var closeAgain = () => conversation.Close(Chat.At(12), questionTypeId: 8, readScale: 5);

        closeAgain.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.AlreadyEnded);
        conversation.ClosedAt.Should().Be(Chat.At(10));
        conversation.QuestionTypeId.Should().Be(7);
        conversation.ReadScale.Should().Be(2);
    }

    [Fact]
    public void Closing_a_missed_conversation_is_refused()
    {
        var conversation = Chat.Missed();

        var close = () => conversation.Close(Chat.At(20));

        close.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.AlreadyEnded);
        conversation.Status.Should().Be(ConversationStatus.Missed);
        conversation.ClosedAt.Should().Be(Chat.At(15));
    }

    [Fact]
    public void A_waiting_conversation_can_be_marked_missed()
    {
        var conversation = Chat.Waiting();

        conversation.MarkMissed(Chat.At(15));

        conversation.Status.Should().Be(ConversationStatus.Missed);
        conversation.ClosedAt.Should().Be(Chat.At(15));
        conversation.OwnerId.Should().BeNull();
    }

    [Fact]
    public void An_active_conversation_cannot_be_marked_missed()
    {
        var conversation = Chat.Active();

        var miss = () => conversation.MarkMissed(Chat.At(15));

        miss.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotWaiting);
        conversation.Status.Should().Be(ConversationStatus.Active);
        conversation.ClosedAt.Should().BeNull();
    }

    [Fact]
    public void A_closed_conversation_cannot_be_marked_missed()
    {
        var conversation = Chat.Closed();

        var miss = () => conversation.MarkMissed(Chat.At(15));

        miss.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotWaiting);
        conversation.Status.Should().Be(ConversationStatus.Closed);
        conversation.ClosedAt.Should().Be(Chat.At(10));
    }

    [Fact]
    public void Marking_a_conversation_missed_twice_is_refused()
    {
        var conversation = Chat.Missed();

        var miss = () => conversation.MarkMissed(Chat.At(20));

        miss.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotWaiting);
        conversation.ClosedAt.Should().Be(Chat.At(15));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_rating_from_one_to_five_is_recorded(int rating)
    {
        var conversation = Chat.Closed();

        conversation.Rate(rating);

        conversation.Rating.Should().Be(rating);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-5)]
    public void A_rating_outside_one_to_five_is_refused_and_the_previous_rating_stays(int rating)
    {
        var conversation = Chat.Closed();
        conversation.Rate(4);

        var rate = () => conversation.Rate(rating);

        rate.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("rating");
        conversation.Rating.Should().Be(4);
    }

    [Fact]
    public void Rule_exceptions_carry_their_code_as_the_message()
    {
        var exception = new ConversationRuleException(ConversationRuleException.NotWaiting);

        exception.Code.Should().Be("not_waiting");
        exception.Message.Should().Be("not_waiting");
        ConversationRuleException.AlreadyEnded.Should().Be("already_ended");
    }

    [Fact]
    public void Handing_an_active_conversation_on_records_a_desk_line_naming_the_new_librarian()
    {
        var conversation = Chat.Active();
        var before = conversation.LastSequence;

        var line = conversation.Transfer(Chat.Librarian, "librarian-2", "Budi Santoso", Chat.At(3));

        conversation.OwnerId.Should().Be("librarian-2");
        line.Should().BeEquivalentTo(new
        {
            Sequence = before + 1, Author = MessageAuthor.System, SystemEvent = SystemEvent.Transferred,
            AuthorId = Chat.Librarian, Text = "Budi Santoso", SentAt = Chat.At(3),
        });
        conversation.Messages.Should().Contain(line);
        conversation.FirstResponseAt.Should().BeNull("the desk's line is nobody's answer");
    }

    [Fact]
    public void Handing_on_a_conversation_that_is_not_active_is_refused_and_records_nothing()
    {
        var conversation = Chat.Waiting();
        var before = conversation.LastSequence;

        var transfer = () => conversation.Transfer(Chat.Librarian, "librarian-2", "Budi Santoso", Chat.At(3));

        transfer.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotActive);
        conversation.LastSequence.Should().Be(before);
        conversation.Messages.Should().BeEmpty();
        conversation.OwnerId.Should().BeNull();
    }
}
