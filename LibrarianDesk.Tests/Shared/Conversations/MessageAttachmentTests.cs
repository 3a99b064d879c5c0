using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Privacy;

namespace LibrarianDesk.Tests.Conversations;

/// <summary>A file in a conversation, in the domain: numbered and accepted like a message; removed with the patron's details.</summary>
public sealed class MessageAttachmentTests
{
    private static readonly AnonymousWording Wording = new("Pemustaka anonim", "(pesan dihapus)");

    private static MessageAttachment File(string name = "kartu-anggota-ali.jpg") => MessageAttachment.Of(Guid.NewGuid(), name, FileKind.Jpeg, 1234);

    [Fact]
    public void A_file_takes_the_next_number_its_name_as_text_and_counts_as_the_first_response_of_a_librarian()
    {
        var conversation = Chat.Active();
        conversation.Append(MessageAuthor.Patron, null, "Halo", Chat.At(0));

        var file = File("jadwal.pdf");
        var message = conversation.AppendAttachment(MessageAuthor.Librarian, Chat.Librarian, file, Chat.At(1), "c-1");

        message.Sequence.Should().Be(2);
        message.Text.Should().Be("jadwal.pdf");
        message.Attachment.Should().BeSameAs(file);
        message.ClientMessageId.Should().Be("c-1");
        conversation.FirstResponseAt.Should().Be(Chat.At(1));
    }

    [Fact]
    public void An_ended_conversation_takes_no_file_and_keeps_its_numbers()
    {
        var conversation = Chat.Closed();
        var before = conversation.LastSequence;

        FluentActions.Invoking(() => conversation.AppendAttachment(MessageAuthor.Patron, null, File(), Chat.At(9), null))
            .Should().Throw<ConversationRuleException>().Which.Code.Should().Be(ConversationRuleException.AlreadyEnded);
        conversation.LastSequence.Should().Be(before);
    }

    [Fact]
    public void Only_the_patron_and_a_librarian_send_files()
    {
        FluentActions.Invoking(() => Chat.Active().AppendAttachment(MessageAuthor.Note, Chat.Librarian, File(), Chat.At(1), null))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Anonymising_removes_every_file_and_its_name_whether_the_texts_are_kept_or_not(bool deleteTexts)
    {
        var conversation = Chat.Active();
        conversation.Append(MessageAuthor.Patron, null, "Ini kartu saya", Chat.At(0));
        conversation.AppendAttachment(MessageAuthor.Patron, null, File(), Chat.At(1), null);
        conversation.AppendAttachment(MessageAuthor.Librarian, Chat.Librarian, File("formulir.pdf"), Chat.At(2), null);
        conversation.Close(Chat.At(3));

        conversation.Anonymise(Wording, deleteTexts, Chat.At(60)).Should().BeTrue();

        conversation.Messages.Where(m => m.Attachment is not null).Should().HaveCount(2).And.OnlyContain(m =>
            m.Attachment!.Removed && m.Attachment.FileName == "(pesan dihapus)" && m.Text == "(pesan dihapus)");
        conversation.Messages[0].Text.Should().Be(deleteTexts ? "(pesan dihapus)" : "Ini kartu saya");
    }
}
