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

        conversation.Close(Chat.At(10), Classification.Of(7, 3, [" Naskah", "ISBN ", "naskah"]));

        conversation.Status.Should().Be(ConversationStatus.Closed);
        conversation.ClosedAt.Should().Be(Chat.At(10));
        conversation.QuestionTypeId.Should().Be(7);
        conversation.ReadScale.Should().Be(3);
        conversation.Tags.Should().Be("naskah, isbn");
        conversation.OwnerId.Should().Be(Chat.Librarian);
        conversation.AwaitsClassification.Should().BeFalse();
    }

    [Fact]
    public void Closing_without_a_classification_keeps_the_patrons_choice_and_awaits_classification()
    {
        var conversation = Chat.Active();

        conversation.Close(Chat.At(10));

        conversation.QuestionTypeId.Should().Be(3);
        conversation.ReadScale.Should().BeNull();
        conversation.AwaitsClassification.Should().BeTrue();
        conversation.ClassifierId.Should().Be(Chat.Librarian);
    }

    [Theory]
    [InlineData(null, null, new[] { Classification.QuestionTypeRequired, Classification.ReadScaleRequired })]
    [InlineData(7, null, new[] { Classification.ReadScaleRequired })]
    [InlineData(null, 2, new[] { Classification.QuestionTypeRequired })]
    [InlineData(7, 0, new[] { Classification.ReadScaleOutOfRange })]
    [InlineData(7, 7, new[] { Classification.ReadScaleOutOfRange })]
    [InlineData(7, 1, new string[0])]
    [InlineData(7, 6, new string[0])]
    public void A_classification_needs_a_question_type_and_a_READ_level_from_one_to_six(int? questionTypeId, int? readScale, string[] problems)
    {
        Classification.Problems(questionTypeId, readScale, null).Should().Equal(problems);
    }

    [Fact]
    public void A_classification_with_tags_over_200_characters_is_refused()
    {
        var tags = Enumerable.Range(0, 30).Select(i => $"tag-nomor-{i}").ToList();

        Classification.Problems(7, 2, tags).Should().Equal(Conversation.TagsTooLong);
        var classify = () => Classification.Of(7, 2, tags);
        classify.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(Conversation.TagsTooLong);
    }

    [Fact]
    public void Closing_without_a_READ_level_is_refused_and_leaves_the_conversation_open()
    {
        var conversation = Chat.Active();

        var close = () => conversation.Close(Chat.At(10), Classification.Of(7, null));

        close.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(Classification.ReadScaleRequired);
        conversation.Status.Should().Be(ConversationStatus.Active);
        conversation.ClosedAt.Should().BeNull();
        conversation.ReadScale.Should().BeNull();
        conversation.QuestionTypeId.Should().Be(3);
    }

    [Fact]
    public void Closing_a_conversation_twice_is_refused_and_keeps_the_first_close()
    {
        var conversation = Chat.Active();
        conversation.Close(Chat.At(10), Classification.Of(7, 2));

        var closeAgain = () => conversation.Close(Chat.At(12), Classification.Of(8, 5));

        closeAgain.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.AlreadyEnded);
        conversation.ClosedAt.Should().Be(Chat.At(10));
        conversation.QuestionTypeId.Should().Be(7);
        conversation.ReadScale.Should().Be(2);
    }

    [Fact]
    public void A_conversation_the_patron_ended_is_classified_once()
    {
        var conversation = Chat.Active();
        conversation.EndByPatron(Chat.At(10));

        conversation.Classify(Classification.Of(7, 4));

        conversation.Should().BeEquivalentTo(new { QuestionTypeId = (int?)7, ReadScale = (int?)4, AwaitsClassification = false });
        var again = () => conversation.Classify(Classification.Of(8, 1));
        again.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.AlreadyClassified);
        conversation.ReadScale.Should().Be(4);
    }

    [Fact]
    public void An_open_conversation_or_a_missed_one_nobody_answered_is_not_classified()
    {
        var active = Chat.Active();
        var missed = Chat.Missed();

        ((Action)(() => active.Classify(Classification.Of(7, 2)))).Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotAnswered);
        ((Action)(() => missed.Classify(Classification.Of(7, 2)))).Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotAnswered);
        missed.AwaitsClassification.Should().BeFalse();
    }

    [Fact]
    public void A_missed_conversation_followed_up_once_awaits_the_follower_ups_classification()
    {
        var missed = Chat.Missed();

        missed.RecordFollowUp("budi", Chat.At(30));

        missed.Should().BeEquivalentTo(new { FollowedUpAt = (DateTimeOffset?)Chat.At(30), FollowedUpById = "budi", ClassifierId = "budi", AwaitsClassification = true });
        var again = () => missed.RecordFollowUp("sari", Chat.At(31));
        again.Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.AlreadyFollowedUp);
        missed.FollowedUpById.Should().Be("budi");
    }

    [Fact]
    public void Only_a_missed_conversation_with_an_address_is_followed_up()
    {
        var active = Chat.Active();
        var withoutAddress = Conversation.Start(Guid.NewGuid(), "Siti", null, null, 3, null, Chat.At(0));
        withoutAddress.MarkMissed(Chat.At(5));

        ((Action)(() => active.RecordFollowUp("budi", Chat.At(30)))).Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NotMissed);
        ((Action)(() => withoutAddress.RecordFollowUp("budi", Chat.At(30)))).Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.NoFollowUpAddress);
        withoutAddress.FollowedUpAt.Should().BeNull();
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
