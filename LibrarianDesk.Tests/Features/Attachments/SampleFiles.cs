using System.Text;
using Files = LibrarianDesk.Tests.Attachments.SampleFiles;
using Metadata = LibrarianDesk.Tests.Attachments.SampleMetadata;

namespace LibrarianDesk.Tests.Features.Attachments;

/// <summary>
/// The files the end-to-end tests send: every kind a chat takes (built by the file-check tests' samples) and disguised
/// ones it must refuse.
/// </summary>
internal static class SampleFiles
{
    public static byte[] Png => Files.Png();

    public static byte[] Gif => Files.Gif();

    public static byte[] WebP => Files.WebP();

    public static byte[] Jpeg => Files.Jpeg();

    public static byte[] Pdf => Files.Pdf();

    public static byte[] Text => Files.Utf8("Selamat pagi, saya mencari buku tentang sejarah Batavia — terima kasih.\nCatatan: édisi kedua.\n");

    public static byte[] Docx => Files.Docx();

    public static byte[] Xlsx => Files.Xlsx();

    public static byte[] Pptx => Files.Pptx();

    /// <summary>A phone photo: <see cref="Jpeg"/> with an EXIF segment holding the camera (<see cref="Metadata.CameraSecret"/>), orientation 6 and where it was taken.</summary>
    public static byte[] JpegWithGps() => Metadata.Jpeg(Files.Jpeg(), [Metadata.ExifSegment(6)]);

    public static byte[] Html => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    public static byte[] Svg => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");

    public static byte[] Exe => [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    public static byte[] PlainZip => Files.Zip("notes.txt");
}
