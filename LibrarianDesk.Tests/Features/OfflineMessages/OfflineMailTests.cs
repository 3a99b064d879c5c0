using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

public sealed class OfflineMailTests(OfflineDeskApp app) : IClassFixture<OfflineDeskApp>
{
    private OfflineMessageService Offline => app.Service<OfflineMessageService>();

    private Task<int> SendDueAsync() => app.Service<OutboxSender>().SendDueAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_librarians_reply_reaches_the_pickup_folder_as_a_readable_eml_with_the_question_quoted()
    {
        var email = OfflineDesk.UniqueEmail("siti");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Apakah peta Batavia 1740 bisa difotokopi?\nTerima kasih.");

        (await Offline.ReplyAsync(app.Librarian, id, "Bisa, di lantai 14 layanan reprografi.")).Should().BeEmpty();
        await SendDueAsync();

        var (mail, raw) = OfflineDesk.MailsTo(app.PickupFolder, email).Should().ContainSingle().Subject;
        mail.Subject.Should().Be("Re: Pertanyaan Anda di Tanya Pustakawan");
        mail.To.Mailboxes.Single().Name.Should().BeNullOrEmpty("the patron's name is theirs to choose and stays out of the headers");
        raw.Split('\n').Should().Contain(line => line.TrimEnd('\r') == "To: " + email);
        mail.TextBody.Should().Contain("Yth. Siti Rahma,")
            .And.Contain("Bisa, di lantai 14 layanan reprografi.")
            .And.Contain("Sari Wulandari")
            .And.Contain("> Apakah peta Batavia 1740 bisa difotokopi?")
            .And.Contain("> Terima kasih.");
        mail.HtmlBody.Should().Contain("Bisa, di lantai 14 layanan reprografi.").And.Contain("<blockquote");

        var thread = await Offline.GetThreadAsync(id, TestContext.Current.CancellationToken);
        thread!.Message.Status.Should().Be(OfflineMessageStatus.Replied);
        thread.Replies.Should().ContainSingle().Which.LibrarianName.Should().Be("Sari Wulandari");
    }

    [Fact]
    public async Task A_patron_who_wrote_in_English_is_answered_in_English()
    {
        var email = OfflineDesk.UniqueEmail("john");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Can I read old manuscripts on site?", "John Smith", language: "en");

        (await Offline.ReplyAsync(app.Librarian, id, "Yes, on the 9th floor.")).Should().BeEmpty();
        await SendDueAsync();

        var (mail, _) = OfflineDesk.MailsTo(app.PickupFolder, email).Should().ContainSingle().Subject;
        mail.Subject.Should().Be("Re: Your question to Ask a Librarian");
        mail.TextBody.Should().Contain("Dear John Smith,").And.Contain("you wrote:").And.Contain("> Can I read old manuscripts on site?");
    }

    [Fact]
    public async Task A_new_offline_message_is_announced_to_the_library_mailbox_once()
    {
        var email = OfflineDesk.UniqueEmail("budi");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Pengumuman uji kotak surat", "Budi Santoso");
        await SendDueAsync();

        var announcements = OfflineDesk.MailsTo(app.PickupFolder, OfflineDeskApp.LibraryMailbox)
            .Where(m => (m.Mail.TextBody ?? "").Contains(email, StringComparison.Ordinal)).ToList();
        var (mail, _) = announcements.Should().ContainSingle().Subject;
        mail.Subject.Should().Be("Pesan luring baru dari Budi Santoso");
        mail.TextBody.Should().Contain("Nomor anggota: 1234567890").And.Contain("> Pengumuman uji kotak surat");
    }

    [Fact]
    public async Task A_line_break_in_a_patron_name_does_not_create_a_mail_header()
    {
        var email = OfflineDesk.UniqueEmail("intruder");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Halo", "Siti\r\nBcc: spy@evil.test");

        (await Offline.ReplyAsync(app.Librarian, id, "Salam kembali.")).Should().BeEmpty();
        await SendDueAsync();

        var (mail, raw) = OfflineDesk.MailsTo(app.PickupFolder, email).Should().ContainSingle().Subject;
        mail.Bcc.Count.Should().Be(0);
        mail.Headers.Contains(MimeKit.HeaderId.Bcc).Should().BeFalse();
        raw.Split('\n').Should().NotContain(line => line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        mail.To.Mailboxes.Single().Address.Should().Be(email);
    }

    [Fact]
    public async Task The_reply_must_not_be_empty_nor_longer_than_4000_characters_and_a_refused_reply_stores_and_sends_nothing()
    {
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("validasi"));

        (await Offline.ReplyAsync(app.Librarian, id, "   ")).Should().Equal(OfflineErrors.ReplyRequired);
        (await Offline.ReplyAsync(app.Librarian, id, new string('a', 4001))).Should().Equal(OfflineErrors.ReplyTooLong);

        await using var db = app.CreateDbContext();
        (await db.OfflineMessageReplies.CountAsync(r => r.OfflineMessageId == id, TestContext.Current.CancellationToken)).Should().Be(0);
        (await db.OutboxMails.CountAsync(m => m.RelatedId == id && m.Kind == OutboxMailKinds.OfflineReply, TestContext.Current.CancellationToken)).Should().Be(0);
        (await db.OfflineMessages.SingleAsync(m => m.Id == id, TestContext.Current.CancellationToken)).Status.Should().Be(OfflineMessageStatus.New);
    }

    [Fact]
    public async Task A_message_closed_as_spam_takes_no_reply_and_leaves_the_new_list()
    {
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("spam"), "Beli obat murah di sini");

        (await Offline.CloseAsync(app.Librarian, id, OfflineMessageCloseReason.Spam)).Should().BeEmpty();
        (await Offline.ReplyAsync(app.Librarian, id, "Tidak.")).Should().Equal(OfflineErrors.AlreadyClosed);
        (await Offline.CloseAsync(app.Librarian, id, OfflineMessageCloseReason.Duplicate)).Should().Equal(OfflineErrors.NotNew);

        var thread = await Offline.GetThreadAsync(id, TestContext.Current.CancellationToken);
        thread!.Message.Status.Should().Be(OfflineMessageStatus.Closed);
        thread.Message.ClosedReason.Should().Be(OfflineMessageCloseReason.Spam);
        (await Offline.ListAsync(OfflineMessageStatus.New, "obat murah", cancellationToken: TestContext.Current.CancellationToken)).Should().BeEmpty();
        (await Offline.ListAsync(OfflineMessageStatus.Closed, "obat murah", cancellationToken: TestContext.Current.CancellationToken)).Should().ContainSingle(m => m.Id == id);
    }

    [Fact]
    public async Task The_inbox_lists_new_messages_with_their_question_type_and_member_number_and_finds_them_by_search()
    {
        var email = OfflineDesk.UniqueEmail("kotakmasuk");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Jam buka perpustakaan keliling?", memberNumber: "998877");

        var found = (await Offline.ListAsync(OfflineMessageStatus.New, "998877", cancellationToken: TestContext.Current.CancellationToken)).Should().ContainSingle().Subject;
        found.Id.Should().Be(id);
        found.Email.Should().Be(email);
        found.QuestionTypeId.Should().NotBeNullOrEmpty();
        (await Offline.CountNewAsync(TestContext.Current.CancellationToken)).Should().BeGreaterThan(0);

        await Offline.ReplyAsync(app.Librarian, id, "Setiap hari Sabtu.");
        (await Offline.ListAsync(OfflineMessageStatus.New, "998877", cancellationToken: TestContext.Current.CancellationToken)).Should().BeEmpty();
        (await Offline.ListAsync(OfflineMessageStatus.Replied, "998877", cancellationToken: TestContext.Current.CancellationToken)).Should().ContainSingle()
            .Which.ReplyCount.Should().Be(1);
    }
}
