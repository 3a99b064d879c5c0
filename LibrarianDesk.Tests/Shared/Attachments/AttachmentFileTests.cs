using System.Text;
using LibrarianDesk.Shared.Attachments;

namespace LibrarianDesk.Tests.Attachments;

/// <summary>Which files a chat takes: the kind from the content, the name agreeing with it.</summary>
public sealed class AttachmentFileTests
{
    public static TheoryData<string, byte[], FileKind> AcceptedFiles() => new()
    {
        { "foto.jpg", SampleFiles.Jpeg(), FileKind.Jpeg },
        { "FOTO.JPEG", SampleFiles.ProgressiveJpeg(), FileKind.Jpeg },
        { "foto.jfif", SampleFiles.Jpeg(), FileKind.Jpeg },
        { "tangkapan.png", SampleFiles.Png(), FileKind.Png },
        { "animasi.gif", SampleFiles.Gif(), FileKind.Gif },
        { "gambar.webp", SampleFiles.WebP(), FileKind.WebP },
        { "surat.pdf", SampleFiles.Pdf(), FileKind.Pdf },
        { "catatan.txt", SampleFiles.Utf8("Buku «Bumi Manusia» karya Pramoedya; kafé, ekspresi, naïve — 5 × 3 ≤ 20\r\n\tSelesai.\f"), FileKind.Text },
        { "server.log", Encoding.UTF8.GetPreamble().Concat(SampleFiles.Utf8("Peminjaman gagal: kode 1 < 2")).ToArray(), FileKind.Text },
        { "skripsi.docx", SampleFiles.Docx(), FileKind.Docx },
        { "data.XLSX", SampleFiles.Xlsx(), FileKind.Xlsx },
        { "presentasi.pptx", SampleFiles.Pptx(), FileKind.Pptx },
        // A pasted screenshot has no extension; NameFor gives it one.
        { "image", SampleFiles.Png(), FileKind.Png },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Each_accepted_kind_is_recognised_from_its_content(string name, byte[] content, FileKind kind)
    {
        AttachmentFile.Inspect(name, content).Should().Be(new FileCheck(kind, null));
    }

    public static TheoryData<string, string, byte[]> RefusedFiles() => new()
    {
        { "html named .png", "gambar.png", SampleFiles.Utf8("<!DOCTYPE html><html><script>alert(1)</script></html>") },
        { "html named .txt", "catatan.txt", SampleFiles.Utf8("  \n<html><body>hai</body></html>") },
        { "svg named .svg", "logo.svg", SampleFiles.Utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>") },
        { "svg named .png", "logo.png", SampleFiles.Utf8("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>") },
        { "script inside text", "catatan.txt", SampleFiles.Utf8("Halo pustakawan,\nini <SCRIPT>alert(1)</SCRIPT>") },
        { "xml", "data.txt", SampleFiles.Utf8("<?xml version=\"1.0\"?><data/>") },
        { "exe renamed .pdf", "surat.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0] },
        { "elf renamed .txt", "program.txt", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0] },
        { "zip without office parts named .docx", "skripsi.docx", SampleFiles.Zip("[Content_Types].xml", "isi/dokumen.xml") },
        { "zip without content types named .docx", "skripsi.docx", SampleFiles.Zip("word/document.xml") },
        { "plain zip", "arsip.zip", SampleFiles.Zip("a.txt") },
        { "docx with a macro project", "skripsi.docx", SampleFiles.Zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin") },
        { "zip with both word and excel parts", "skripsi.docx", SampleFiles.Zip("[Content_Types].xml", "word/document.xml", "xl/workbook.xml") },
        { "text with a NUL", "catatan.txt", SampleFiles.Utf8("Halo\0dunia") },
        { "text with an escape", "catatan.txt", SampleFiles.Utf8("Halo \u001b[31mmerah") },
        { "text with a C1 control", "catatan.txt", SampleFiles.Utf8("Halo \u0085 dunia") },
        { "invalid utf-8 (latin-1 text)", "catatan.txt", [(byte)'k', (byte)'a', (byte)'f', 0xE9] },
        { "utf-16 text", "catatan.txt", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Halo")).ToArray() },
        { "png cut before its header", "gambar.png", SampleFiles.Png()[..20] },
        { "gif cut in its header", "animasi.gif", SampleFiles.Gif()[..8] },
        { "riff that is not webp", "gambar.webp", SampleFiles.Utf8("RIFF\u0004\0\0\0WAVEfmt ").Concat(new byte[16]).ToArray() },
        { "webp cut after its header", "gambar.webp", SampleFiles.WebP()[..14] },
        { "docx cut in half", "skripsi.docx", SampleFiles.Docx()[..(SampleFiles.Docx().Length / 2)] },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public void Content_of_no_accepted_kind_is_refused_whatever_its_name(string disguise, string name, byte[] content)
    {
        AttachmentFile.Inspect(name, content).Should().Be(new FileCheck(null, AttachmentFile.TypeRefused), disguise);
    }

    [Theory]
    [InlineData("gambar.pdf")]
    [InlineData("gambar.jpg")]
    [InlineData("gambar.png.exe")]
    [InlineData("gambar.svg")]
    public void A_name_whose_extension_is_not_the_contents_kind_is_a_mismatch(string name)
    {
        AttachmentFile.Inspect(name, SampleFiles.Png()).Should().Be(new FileCheck(null, AttachmentFile.NameMismatch));
    }

    [Fact]
    public void Only_images_may_come_without_an_extension()
    {
        AttachmentFile.Inspect("catatan", SampleFiles.Utf8("halo")).Refusal.Should().Be(AttachmentFile.NameMismatch);
        AttachmentFile.Inspect("surat", SampleFiles.Pdf()).Refusal.Should().Be(AttachmentFile.NameMismatch);
        AttachmentFile.Inspect("skripsi", SampleFiles.Docx()).Refusal.Should().Be(AttachmentFile.NameMismatch);
        AttachmentFile.Inspect("foto", SampleFiles.Jpeg()).Kind.Should().Be(FileKind.Jpeg);
    }

    [Fact]
    public void Text_files_are_txt_or_log_only()
    {
        AttachmentFile.Inspect("data.csv", SampleFiles.Utf8("a;b")).Refusal.Should().Be(AttachmentFile.NameMismatch);
        AttachmentFile.Inspect("halaman.html", SampleFiles.Utf8("halo")).Refusal.Should().Be(AttachmentFile.NameMismatch);
    }

    [Fact]
    public void Empty_content_and_names_that_are_empty_once_made_safe_are_refused()
    {
        AttachmentFile.Inspect("foto.png", []).Should().Be(new FileCheck(null, AttachmentFile.Empty));
        AttachmentFile.Inspect("", SampleFiles.Png()).Should().Be(new FileCheck(null, AttachmentFile.NameInvalid));
        AttachmentFile.Inspect("C:\\Users\\ani\\", SampleFiles.Png()).Should().Be(new FileCheck(null, AttachmentFile.NameInvalid));
        AttachmentFile.Inspect(" .. \u202E\u0007 ", SampleFiles.Png()).Should().Be(new FileCheck(null, AttachmentFile.NameInvalid));
    }

    [Fact]
    public void The_name_is_judged_once_made_safe()
    {
        // U+202E shows "foto\u202Egnp.exe" as "fotoexe.png"; without it the name plainly ends .exe.
        AttachmentFile.Inspect("foto\u202Egnp.exe", SampleFiles.Png()).Refusal.Should().Be(AttachmentFile.NameMismatch);
        AttachmentFile.Inspect("../../etc/foto.png. ", SampleFiles.Png()).Kind.Should().Be(FileKind.Png);
    }

    [Theory]
    [InlineData("C:\\Users\\Ani\\Pictures\\foto.jpg", "foto.jpg")]
    [InlineData("/home/ani/foto.jpg", "foto.jpg")]
    [InlineData("..\\../rahasia.txt", "rahasia.txt")]
    [InlineData("  .tersembunyi.txt. . ", "tersembunyi.txt")]
    [InlineData("laporan\u202Efdp.exe", "laporanfdp.exe")]
    [InlineData("a\u2066b\u2067c\u2068d\u2069e\u202Af\u202Bg\u202Ch\u202Di.txt", "abcdefghi.txt")]
    [InlineData("baris\r\nbaru\t\u0000\u007F\u0085.txt", "barisbaru.txt")]
    [InlineData("Skripsi Pustakawan – Bab 1 (revisi) 📚.docx", "Skripsi Pustakawan – Bab 1 (revisi) 📚.docx")]
    public void SafeName_keeps_the_last_segment_without_control_or_bidi_characters(string sent, string kept)
    {
        AttachmentFile.SafeName(sent).Should().Be(kept);
    }

    [Fact]
    public void SafeName_drops_a_lone_surrogate_which_UTF_8_cannot_carry()
    {
        // Not an InlineData: attribute strings cannot hold a lone surrogate.
        AttachmentFile.SafeName("lone\uD800surrogate\uDC00.txt").Should().Be("lonesurrogate.txt");
    }

    [Fact]
    public void SafeName_caps_a_long_name_at_200_characters_keeping_its_extension()
    {
        AttachmentFile.SafeName(new string('a', 300) + ".pdf").Should().Be(new string('a', 196) + ".pdf");
        AttachmentFile.SafeName(new string('a', 300)).Should().Be(new string('a', 200));
        // 📚 is two UTF-16 units; the cut falls between them and takes neither.
        AttachmentFile.SafeName(new string('a', 195) + "📚📚.pdf").Should().Be(new string('a', 195) + ".pdf");
    }

    [Theory]
    [InlineData(FileKind.Png, "image", "image.png")]
    [InlineData(FileKind.Jpeg, "foto", "foto.jpg")]
    [InlineData(FileKind.WebP, "C:\\tmp\\stiker", "stiker.webp")]
    [InlineData(FileKind.Gif, "animasi", "animasi.gif")]
    [InlineData(FileKind.Png, "tangkapan.PNG", "tangkapan.PNG")]
    [InlineData(FileKind.Pdf, "surat.pdf", "surat.pdf")]
    public void NameFor_gives_a_name_without_an_extension_the_kinds_one(FileKind kind, string sent, string kept)
    {
        AttachmentFile.NameFor(kind, sent).Should().Be(kept);
    }

    [Fact]
    public void NameFor_stays_within_the_cap()
    {
        AttachmentFile.NameFor(FileKind.Jpeg, new string('a', 300)).Should().Be(new string('a', 196) + ".jpg");
    }

    [Fact]
    public void Content_types_and_images_are_those_the_desk_serves()
    {
        Enum.GetValues<FileKind>().ToDictionary(k => k, AttachmentFile.ContentType).Should().Equal(new Dictionary<FileKind, string>
        {
            [FileKind.Jpeg] = "image/jpeg",
            [FileKind.Png] = "image/png",
            [FileKind.WebP] = "image/webp",
            [FileKind.Gif] = "image/gif",
            [FileKind.Pdf] = "application/pdf",
            [FileKind.Text] = "text/plain; charset=utf-8",
            [FileKind.Docx] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            [FileKind.Xlsx] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            [FileKind.Pptx] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        });
        Enum.GetValues<FileKind>().Where(AttachmentFile.IsImage).Should().Equal(FileKind.Jpeg, FileKind.Png, FileKind.WebP, FileKind.Gif);
    }

    [Fact]
    public void A_zip_declaring_more_entries_than_an_office_file_has_is_refused_before_it_is_read()
    {
        var parts = new[] { "[Content_Types].xml", "word/document.xml" }.Concat(Enumerable.Range(0, 2_001).Select(i => $"word/media/{i}.xml")).ToArray();

        AttachmentFile.Inspect("skripsi.docx", SampleFiles.Zip(parts)).Refusal.Should().Be(AttachmentFile.TypeRefused);
        AttachmentFile.Inspect("skripsi.docx", SampleFiles.Zip(parts[..2000])).Kind.Should().Be(FileKind.Docx);
    }
}
