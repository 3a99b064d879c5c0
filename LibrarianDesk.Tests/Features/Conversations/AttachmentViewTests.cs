using Bunit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>A message's file as the desk shows it in every transcript.</summary>
public sealed class AttachmentViewTests : DeskComponentTest
{
    public AttachmentViewTests() => SignInAs("Sari Wulandari", DeskRoles.Librarian);

    [Fact]
    public void An_image_shows_as_a_lazy_thumbnail_that_opens_full_size_in_a_new_tab()
    {
        var attachment = MessageAttachment.Of(Guid.NewGuid(), "galat-login.png", FileKind.Png, 48_213);

        var view = Render<AttachmentView>(p => p.Add(v => v.Attachment, attachment));

        var link = view.Find("[data-testid=desk-attachment]");
        link.GetAttribute("data-kind").Should().Be("image");
        link.GetAttribute("href").Should().Be($"/desk/attachments/{attachment.Id}");
        link.GetAttribute("target").Should().Be("_blank");
        link.GetAttribute("rel").Should().Be("noopener noreferrer");
        var image = view.Find("img");
        image.GetAttribute("src").Should().Be($"/desk/attachments/{attachment.Id}");
        image.GetAttribute("loading").Should().Be("lazy");
        image.GetAttribute("alt").Should().Be("galat-login.png");
        view.FindAll("[data-testid=desk-attachment-download]").Should().BeEmpty("an image is opened, not offered as a download");
    }

    [Theory]
    [InlineData("id", 1_258_291, "Dokumen PDF · 1,2\u00A0MB")]
    [InlineData("en", 1_258_291, "PDF document · 1.2\u00A0MB")]
    [InlineData("id", 10_485_760, "Dokumen PDF · 10\u00A0MB")]
    [InlineData("id", 2_560, "Dokumen PDF · 2,5\u00A0KB")]
    [InlineData("en", 2_560, "PDF document · 2.5\u00A0KB")]
    [InlineData("en", 900, "PDF document · 900\u00A0B")]
    // The number and its unit never part at a line's end (a no-break space between them).
    public void Another_file_shows_as_a_card_with_its_name_type_and_size_in_the_readers_number_format(string language, long length, string facts)
    {
        UseLanguage(language);
        var attachment = MessageAttachment.Of(Guid.NewGuid(), "Panduan e-resources.pdf", FileKind.Pdf, length);

        var view = Render<AttachmentView>(p => p.Add(v => v.Attachment, attachment));

        view.Find("[data-testid=desk-attachment]").GetAttribute("data-kind").Should().Be("file");
        view.Find("[data-testid=desk-attachment-name]").TextContent.Should().Be("Panduan e-resources.pdf");
        view.Find("[data-testid=desk-attachment-facts]").TextContent.Trim().Should().Be(facts);
        view.Find("[data-testid=desk-attachment-download]").GetAttribute("href").Should().Be($"/desk/attachments/{attachment.Id}?download=true");
        view.FindAll("img").Should().BeEmpty();
    }

    public static TheoryData<FileKind> DocumentKinds() => [.. Enum.GetValues<FileKind>().Where(k => !AttachmentFile.IsImage(k))];

    [Theory]
    [MemberData(nameof(DocumentKinds))]
    public void Every_kind_of_document_has_a_type_name_in_both_languages(FileKind kind)
    {
        var names = new[] { "id", "en" }.Select(language =>
        {
            UseLanguage(language);
            var view = Render<AttachmentView>(p => p.Add(v => v.Attachment, MessageAttachment.Of(Guid.NewGuid(), "berkas", kind, 10)));
            return view.Find("[data-testid=desk-attachment-facts]").TextContent.Split('·')[0].Trim();
        }).ToList();

        names.Should().AllSatisfy(name => name.Should().NotBeEmpty().And.NotStartWith("DeskFiles_"));
    }

    [Theory]
    [InlineData("id", "Berkas sudah dihapus")]
    [InlineData("en", "File deleted")]
    public void A_removed_file_says_so_and_links_to_nothing(string language, string said)
    {
        UseLanguage(language);
        var attachment = MessageAttachment.Of(Guid.NewGuid(), "ktp-saya.jpg", FileKind.Jpeg, 120_000);
        attachment.Remove("[dihapus]");

        var view = Render<AttachmentView>(p => p.Add(v => v.Attachment, attachment));

        var shown = view.Find("[data-testid=desk-attachment]");
        shown.GetAttribute("data-removed").Should().Be("true");
        shown.TextContent.Trim().Should().Be(said);
        view.FindAll("img").Should().BeEmpty();
        view.FindAll("a").Should().BeEmpty();
    }
}
