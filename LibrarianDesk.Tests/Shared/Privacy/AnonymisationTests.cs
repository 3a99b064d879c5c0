using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Privacy;

namespace LibrarianDesk.Tests.Privacy;

/// <summary>The anonymisation rule of the domain, without a desk.</summary>
public sealed class AnonymisationTests
{
    private static readonly AnonymousWording Wording = new("Pemustaka anonim", "(pesan dihapus)");
    private static readonly DateTimeOffset At = new(2028, 12, 8, 3, 0, 0, TimeSpan.Zero);

    private static Conversation Chat()
    {
        var started = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        var conversation = Conversation.Start(Guid.NewGuid(), "Ali Akbar", "ali@contoh.id", "M-1", 1, "https://perpusnas.go.id/", started,
            visitorId: "v-1", patronIpAddress: "203.0.113.0/24");
        conversation.Append(MessageAuthor.Patron, null, "Saya Ali (ALI@contoh.id), anggota M-1; cari buku Alinea", started);
        conversation.Claim("librarian", started.AddMinutes(1));
        conversation.Append(MessageAuthor.Librarian, "librarian", "Halo Pak Akbar, buku Alinea ada.", started.AddMinutes(1));
        conversation.Close(started.AddMinutes(5), Classification.Of(1, 2));
        conversation.Rate(4, "Terima kasih dari Ali");
        return conversation;
    }

    [Fact]
    public void Details_and_their_mentions_go_as_whole_words_in_any_case_and_other_words_stay()
    {
        var conversation = Chat();

        conversation.Anonymise(Wording, deleteTexts: false, At).Should().BeTrue();

        conversation.Messages.Select(m => m.Text).Should().Equal(
            "Saya Pemustaka anonim (Pemustaka anonim), anggota Pemustaka anonim; cari buku Alinea",
            "Halo Pak Pemustaka anonim, buku Alinea ada.");
        conversation.Should().BeEquivalentTo(new
        {
            PatronName = "Pemustaka anonim", PatronEmail = (string?)null, ClaimedMemberNumber = (string?)null, PatronIpAddress = (string?)null,
            PageUrl = (string?)null, VisitorId = (string?)null, RatingComment = "Terima kasih dari Pemustaka anonim", Rating = 4, ReadScale = 2,
            Status = ConversationStatus.Closed, AnonymisedAt = At,
        });
    }

    [Fact]
    public void A_second_call_changes_nothing_and_deleting_texts_later_takes_only_the_patrons_words()
    {
        var conversation = Chat();
        conversation.Anonymise(Wording, deleteTexts: false, At);
        var texts = conversation.Messages.Select(m => m.Text).ToList();

        conversation.Anonymise(Wording, deleteTexts: false, At.AddDays(1)).Should().BeFalse();
        conversation.Messages.Select(m => m.Text).Should().Equal(texts);
        conversation.AnonymisedAt.Should().Be(At);

        conversation.Anonymise(Wording, deleteTexts: true, At.AddDays(1)).Should().BeTrue();
        conversation.Messages.Select(m => m.Text).Should().Equal("(pesan dihapus)", "Halo Pak Pemustaka anonim, buku Alinea ada.");
        conversation.RatingComment.Should().BeNull();
        conversation.Anonymise(Wording, deleteTexts: true, At.AddDays(2)).Should().BeFalse();
    }

    [Fact]
    public void A_conversation_without_its_messages_loaded_is_refused()
    {
        var conversation = Chat();
        conversation.Messages.Clear();

        var anonymise = () => conversation.Anonymise(Wording, deleteTexts: false, At);

        anonymise.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void An_offline_message_keeps_its_replies_without_the_patrons_details_and_its_status()
    {
        var message = new OfflineMessage { Name = "Citra Dewi", Email = "citra@contoh.id", MemberNumber = "M-9", Text = "Saya Citra, kapan buka?", Status = OfflineMessageStatus.Replied };
        var reply = new OfflineMessageReply { Text = "Yth. Ibu Citra, kami buka pukul 09.00." };

        message.Anonymise(Wording, deleteTexts: true, At, [reply]).Should().BeTrue();

        message.Should().BeEquivalentTo(new { Name = "Pemustaka anonim", Email = "", MemberNumber = (string?)null, Text = "(pesan dihapus)", Status = OfflineMessageStatus.Replied });
        reply.Text.Should().Be("Yth. Ibu Pemustaka anonim, kami buka pukul 09.00.");
        message.Anonymise(Wording, deleteTexts: true, At, [reply]).Should().BeFalse();
    }

    [Theory]
    [InlineData(IpAddressPolicy.Full, "203.0.113.77", "203.0.113.77")]
    [InlineData(IpAddressPolicy.Truncated, "203.0.113.77", "203.0.113.0/24")]
    [InlineData(IpAddressPolicy.Truncated, "2001:db8:abcd:ffff::1", "2001:db8:abcd::/48")]
    [InlineData(IpAddressPolicy.None, "203.0.113.77", null)]
    [InlineData(IpAddressPolicy.Truncated, null, null)]
    public void The_ip_policy_keeps_what_it_says(IpAddressPolicy policy, string? address, string? stored) =>
        policy.StoredForm(address).Should().Be(stored);
}
