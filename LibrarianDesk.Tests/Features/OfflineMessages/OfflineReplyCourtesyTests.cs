using System.Text.RegularExpressions;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>
/// An offline reply mail, received by a real SMTP server, greets and signs off once: the mail adds the
/// greeting and sign-off only where the librarian did not write her own (Shared/OfflineMessages/ReplyCourtesy).
/// </summary>
public sealed class OfflineReplyCourtesyTests(SmtpDeliveryTests.SmtpDeskApp app) : IClassFixture<SmtpDeliveryTests.SmtpDeskApp>
{
    [Fact]
    public async Task A_reply_with_its_own_greeting_and_sign_off_reaches_the_patron_with_one_of_each()
    {
        var body = await ReplyOverSmtpAsync("Dewi Anggraini", "id",
            "Yth. Ibu Dewi,\n\nAda, silakan datang ke layanan silsilah di lantai 7.\n\nSalam hormat,\nSari");

        Count(body, "Yth.").Should().Be(1);
        Count(body, "Salam hormat").Should().Be(1);
        body.Should().StartWith("Yth. Ibu Dewi,\n\nAda, silakan datang").And.Contain("Salam hormat,\nSari\n")
            .And.NotContain("Yth. Dewi Anggraini").And.NotContain("Sari Wulandari").And.NotContain("\n\n\n");
        body.Should().Contain("> Apakah ada layanan penelusuran silsilah?");
    }

    [Fact]
    public async Task A_plain_reply_is_greeted_and_signed_off_by_the_mail()
    {
        var body = await ReplyOverSmtpAsync("Dewi Anggraini", "id", "Ada, silakan datang ke lantai 7.");

        body.Should().StartWith("Yth. Dewi Anggraini,\n\nAda, silakan datang ke lantai 7.\n\nSalam hormat,\nSari Wulandari\n");
    }

    [Fact]
    public async Task A_reply_that_only_greets_gets_only_the_sign_off_in_English_too()
    {
        var body = await ReplyOverSmtpAsync("John Smith", "en", "Hello John,\n\nYes, the manuscript reading room is on floor 9.");

        Count(body, "Hello").Should().Be(1);
        body.Should().NotContain("Dear").And.Contain("floor 9.\n\nKind regards,\nSari Wulandari\n");
    }

    private async Task<string> ReplyOverSmtpAsync(string patron, string language, string reply)
    {
        var email = OfflineDesk.UniqueEmail("sapaan");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Apakah ada layanan penelusuran silsilah?", patron, language);
        (await app.Service<OfflineMessageService>().ReplyAsync(app.Librarian, id, reply)).Should().BeEmpty();
        await app.Service<OutboxSender>().SendDueAsync(TestContext.Current.CancellationToken);

        var mail = app.Smtp.Received.Should().ContainSingle(m => m.To.Mailboxes.Any(t => t.Address == email)).Subject;
        return mail.TextBody!.ReplaceLineEndings("\n");
    }

    private static int Count(string text, string phrase) => Regex.Count(text, Regex.Escape(phrase));
}
