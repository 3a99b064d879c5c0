using LibrarianDesk.Shared.OfflineMessages;

namespace LibrarianDesk.Tests.OfflineMessages;

public sealed class ReplyCourtesyTests
{
    [Theory]
    [InlineData("Yth. Bapak Budi,\n\nBisa.")]
    [InlineData("  selamat siang, Bu Rina!\nBisa.")]
    [InlineData("Dear John,\nYes.")]
    [InlineData("Hi Maria — yes.")]
    public void A_reply_that_opens_with_a_greeting_greets(string reply) => ReplyCourtesy.Greets(reply).Should().BeTrue();

    [Theory]
    [InlineData("Hingga pukul 16.00 layanan buka.")]
    [InlineData("Bisa, silakan datang.")]
    [InlineData("His thesis is on floor 9.")]
    [InlineData("")]
    [InlineData(null)]
    public void A_reply_that_starts_with_its_answer_does_not_greet(string? reply) => ReplyCourtesy.Greets(reply).Should().BeFalse();

    [Theory]
    [InlineData("Bisa.\n\nSalam hormat,\nSari")]
    [InlineData("Bisa.\nTerima kasih.")]
    [InlineData("Yes.\n\nKind regards,\nSari Wulandari\n\n")]
    public void A_reply_that_closes_with_a_sign_off_signs_off(string reply) => ReplyCourtesy.SignsOff(reply).Should().BeTrue();

    [Theory]
    [InlineData("Terima kasih sudah bertanya; koleksi itu ada di lantai 9 dan bisa dibaca di tempat.")]
    [InlineData("Salam hormat,\nSari\n\nBisa, silakan datang ke lantai 7.\nBawa kartu anggota Anda.\nLayanan buka sampai 16.00.")]
    [InlineData("Bisa.")]
    public void A_long_closing_sentence_or_an_early_sign_off_is_not_the_reply_s_sign_off(string reply) =>
        ReplyCourtesy.SignsOff(reply).Should().BeFalse();
}
